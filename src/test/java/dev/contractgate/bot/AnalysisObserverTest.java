package dev.contractgate.bot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contractgate.analysis.Analyzer;
import dev.contractgate.analysis.SplitDetailTracker;
import dev.contractgate.chat.ChatEvent;
import dev.contractgate.gate.Observation;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class AnalysisObserverTest {
    private static final Analyzer ANALYZER = Analyzer.loadDefaults();

    private final AnalysisObserver observer = new AnalysisObserver(ANALYZER,
            new SplitDetailTracker(ANALYZER, Duration.ofMinutes(3), 4), ZoneId.of("Asia/Tokyo"));

    private BotEventHandler.Observed observe(ChatEvent event) {
        return observer.observe(event, new java.util.BitSet(), java.util.Set.of("chatwork"));
    }

    private static ChatEvent message(String text) {
        return new ChatEvent("chatwork", ChatEvent.Type.MESSAGE_CREATED, "1", "m" + text.hashCode(), "300", text,
                Instant.parse("2026-11-20T01:00:00Z"), null, null);
    }

    @Test
    void doesNotTakeTalkingOnTheChannelAlreadyInUseForContactExchange() {
        assertThat(observe(message("詳細はChatworkでお話しできればと思います")).observations()).isEmpty();
        assertThat(observe(message("こちらのチャットワークで進めましょう")).observations()).isEmpty();
    }

    @Test
    void stillSeesAMoveToAnotherChannel() {
        assertThat(observe(message("ChatworkよりLINEでやり取りしましょう")).observations())
                .extracting(Observation::label).contains(Observation.CONTACT_EXCHANGE);
        assertThat(observe(message("LINEでやり取りしましょう")).observations())
                .extracting(Observation::label).contains(Observation.CONTACT_EXCHANGE);
    }

    @Test
    void quotesTheOpeningOfAMessageJudgedAsAWhole() {
        var observed = observe(message("What's your Signal username? I'd rather send the API keys there than paste them in chat"));

        assertThat(observed.observations()).singleElement().satisfies(observation -> {
            assertThat(observation.wholeMessage()).isTrue();
            assertThat(observation.match()).isEqualTo("What's your Signal username?…");
        });
    }

    @Test
    void cutsALongOpeningBetweenWordsOrAfterAComma() {
        assertThat(AnalysisObserver.opening("Hello dear, we are hiring online assistants to like YouTube videos for our clients"))
                .isEqualTo("Hello dear, we are hiring online…");
        assertThat(AnalysisObserver.opening("お世話になっております、本日は新しい在宅のお仕事のご案内でご連絡いたしましたのでよろしくお願いします"))
                .isEqualTo("お世話になっております、本日は新しい在宅のお仕事のご案内でご連絡いたしましたので…");
        assertThat(AnalysisObserver.opening("短い一文です")).isEqualTo("短い一文です");
    }

    @Test
    void resolvesDeadlinesForTheLedgerAgainstTheDayTheMessageWasSent() {
        var observed = observe(message("納期は12月15日でお願いします"));

        assertThat(observed.findings()).anySatisfy(finding -> {
            assertThat(finding.term()).isNotNull();
            assertThat(finding.term().value()).isEqualTo("2026-12-15");
        });
    }
}
