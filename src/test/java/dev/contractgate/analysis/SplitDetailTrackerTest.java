package dev.contractgate.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SplitDetailTrackerTest {
    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
    private static Analyzer analyzer;
    private SplitDetailTracker tracker;

    @BeforeAll
    static void load() {
        analyzer = Analyzer.loadRules(Path.of("config", "analysis"));
    }

    @BeforeEach
    void newTracker() {
        tracker = new SplitDetailTracker(analyzer, Duration.ofMinutes(3), 4);
    }

    @Test
    void findsAPhoneNumberSplitOverThreeMessagesOfOneSender() {
        assertThat(tracker.analyze("room", "alice", T0, "了解です、連絡は").labels()).isEmpty();
        assertThat(tracker.analyze("room", "alice", T0.plusSeconds(5), "090 1122").labels()).isEmpty();
        Analysis last = tracker.analyze("room", "alice", T0.plusSeconds(9), "3344 です");
        assertThat(last.labels()).containsExactly(Label.CONTACT_EXCHANGE);
        Finding finding = last.findings().get(0);
        assertThat(finding.rule()).isEqualTo("contact.phone.split");
        assertThat(finding.start()).isZero();
        assertThat(finding.end()).isEqualTo(4);
        assertThat(finding.match()).isEqualTo("3344");
    }

    @Test
    void findsAnEmailAddressSplitOverTwoMessages() {
        tracker.analyze("room", "alice", T0, "アドレスは taro.yamada");
        Analysis second = tracker.analyze("room", "alice", T0.plusSeconds(3), "@gmail.com です");
        assertThat(second.findings()).extracting(Finding::rule).contains("contact.email.split");
        assertThat(second.findings()).extracting(Finding::match).contains("@gmail.com");
    }

    @Test
    void doesNotJoinMessagesOfAnotherSenderOrAnotherRoom() {
        tracker.analyze("room", "alice", T0, "090 1122");
        assertThat(tracker.analyze("room", "bob", T0.plusSeconds(1), "3344 です").labels()).isEmpty();
        tracker.analyze("room", "alice", T0.plusSeconds(2), "090 1122");
        assertThat(tracker.analyze("other", "alice", T0.plusSeconds(3), "3344 です").labels()).isEmpty();
    }

    @Test
    void startsAfreshWhenAnotherSenderSpeaksInBetween() {
        tracker.analyze("room", "alice", T0, "090 1122");
        tracker.analyze("room", "bob", T0.plusSeconds(1), "はい");
        assertThat(tracker.analyze("room", "alice", T0.plusSeconds(2), "3344 です").labels()).isEmpty();
    }

    @Test
    void doesNotJoinMessagesFurtherApartThanTheWindow() {
        tracker.analyze("room", "alice", T0, "090 1122");
        assertThat(tracker.analyze("room", "alice", T0.plusSeconds(181), "3344 です").labels()).isEmpty();
    }

    @Test
    void joinsAtMostTheConfiguredNumberOfMessages() {
        SplitDetailTracker two = new SplitDetailTracker(analyzer, Duration.ofMinutes(3), 2);
        two.analyze("room", "alice", T0, "090");
        two.analyze("room", "alice", T0.plusSeconds(1), "1122");
        assertThat(two.analyze("room", "alice", T0.plusSeconds(2), "3344 です").labels()).isEmpty();
    }

    @Test
    void forgetsTheLeastRecentlyActiveRoomsBeyondItsBound() {
        tracker.analyze("first", "alice", T0, "090 1122");
        for (int i = 0; i < SplitDetailTracker.MAX_ROOMS; i++) {
            tracker.analyze("room" + i, "bob", T0, "x");
        }
        assertThat(tracker.analyze("first", "alice", T0.plusSeconds(1), "3344 です").labels()).isEmpty();
    }

    @Test
    void reportsWhatTheMessageItselfContainsAsUsual() {
        tracker.analyze("room", "alice", T0, "こんにちは");
        Analysis analysis = tracker.analyze("room", "alice", T0.plusSeconds(1), "LINE IDはabc_123です");
        assertThat(analysis.findings()).extracting(Finding::rule).containsExactly("contact.handle");
    }

    @Test
    void thePiecesOfANumberAreAContactDetailAndNothingElse() {
        SplitDetailTracker learned = new SplitDetailTracker(Analyzer.load(Path.of("config", "analysis")), Duration.ofMinutes(3), 4);
        learned.analyze("room", "bob", T0, "my whatsapp");
        for (String piece : new String[] {"+44 7700", "900 123"}) {
            Analysis analysis = learned.analyze("room", "bob", T0.plusSeconds(4), piece);
            assertThat(analysis.labels()).as(piece).containsExactly(Label.CONTACT_EXCHANGE);
        }
        // a term written beside the detail keeps its own span (read by the rules: what the span is, is theirs)
        Analysis withPrice = tracker.analyze("room2", "bob", T0, "090-3871-2296、5万円で");
        assertThat(withPrice.labels()).contains(Label.CONTACT_EXCHANGE, Label.NEGOTIATION);
        assertThat(withPrice.findings()).filteredOn(finding -> finding.label() == Label.NEGOTIATION)
                .extracting(Finding::match).allMatch(match -> match.contains("5万円"));
    }
}
