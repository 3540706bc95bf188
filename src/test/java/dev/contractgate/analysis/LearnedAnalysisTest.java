package dev.contractgate.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The learned layer on top of the rules: labels from the model, spans from the rules, the whole message otherwise. */
class LearnedAnalysisTest {
    private static Analyzer analyzer;

    @BeforeAll
    static void load() {
        analyzer = Analyzer.load(Path.of("config", "analysis"));
    }

    @Test
    void loadsTheModelThatShipsWithTheRules() {
        assertThat(analyzer.learned()).isTrue();
        assertThat(Analyzer.loadRules(Path.of("config", "analysis")).learned()).isFalse();
        assertThat(Analyzer.loadDefaults().learned()).isTrue();
    }

    @Test
    void givesALabelWithoutARuleSpanAsAFindingOverTheWholeMessage() {
        String text = "What's your Signal username? I'd rather send the API keys there than paste them in chat";
        assertThat(Analyzer.loadRules(Path.of("config", "analysis")).analyze(text).labels()).isEmpty();
        Analysis analysis = analyzer.analyze(text);
        assertThat(analysis.labels()).containsExactly(Label.CONTACT_EXCHANGE);
        Finding finding = analysis.findings().get(0);
        assertThat(finding.rule()).isEqualTo("model.contact_exchange");
        assertThat(finding.start()).isZero();
        assertThat(finding.end()).isEqualTo(text.length());
        assertThat(finding.match()).isEqualTo(text);
    }

    @Test
    void keepsTheRuleSpansOfTheLabelsItGives() {
        Analysis analysis = analyzer.analyze("LINE IDはtanaka_works77です、こちらに追加してください");
        assertThat(analysis.labels()).containsExactly(Label.CONTACT_EXCHANGE);
        assertThat(analysis.findings()).extracting(Finding::rule).doesNotContain("model.contact_exchange")
                .contains("contact.handle");
    }

    @Test
    void leavesOutWhatTheRulesFoundInARefusalOrACitationOfTheRule() {
        assertThat(analyzer.analyze("規約でサイト外の連絡先交換は禁止されているので、LINEは使わずこのままメッセージでお願いします").labels())
                .doesNotContain(Label.CONTACT_EXCHANGE);
        assertThat(analyzer.analyze("Please don't share personal contact info in here, it's against Upwork's terms.").labels())
                .doesNotContain(Label.CONTACT_EXCHANGE);
    }

    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

    /** Rooms read as the service reads them: each message after the room's last ones, a sender's pieces together. */
    private static SplitDetailTracker rooms() {
        return new SplitDetailTracker(analyzer, Duration.ofMinutes(3), 4);
    }

    @Test
    void readsAHandleGivenInPiecesTogether() {
        SplitDetailTracker tracker = rooms();
        Instant start = T0;
        tracker.analyze("room", "kai", start, "my discord is");
        Analysis piece = tracker.analyze("room", "kai", start.plusSeconds(4), "juno_codes");
        assertThat(piece.labels()).containsExactly(Label.CONTACT_EXCHANGE);
        assertThat(piece.findings().get(0).match()).isEqualTo("juno_codes");
        assertThat(tracker.analyze("room", "kai", start.plusSeconds(9), "ok thanks, talk tomorrow!").labels()).isEmpty();
    }

    /** The client's opening (found to carry its label), then the next message in that room, as the room reads it. */
    private static Analysis after(SplitDetailTracker rooms, String opening, Label itsLabel, String next) {
        String room = "room-" + opening.hashCode();
        assertThat(rooms.analyze(room, "client", T0, opening).labels()).as(opening).contains(itsLabel);
        return rooms.analyze(room, "freelancer", T0.plusSeconds(30), next);
    }

    @Test
    void readsAShortAnswerAfterWhatItAnswers() {
        SplitDetailTracker rooms = rooms();
        Analysis answer = after(rooms, "次回からは直接契約にしませんか？手数料分を上乗せします", Label.OFF_PLATFORM_DEAL,
                "はい、それでお願いします");
        // it accepts the offer: what it settles (the surcharge, the deal) is the offer's, and only the model, reading
        // the conversation, can see it
        assertThat(answer.labels()).isNotEmpty().isSubsetOf(Label.NEGOTIATION, Label.OFF_PLATFORM_DEAL);
        assertThat(answer.findings()).extracting(Finding::rule).allMatch(rule -> rule.startsWith("model."));
        assertThat(after(rooms, "Could you do the landing page for $300 by Friday?", Label.NEGOTIATION, "fine by me")
                .labels()).containsExactly(Label.NEGOTIATION);
        // the same words with nothing before them settle nothing
        assertThat(analyzer.analyze("はい、それでお願いします").labels()).isEmpty();
        assertThat(analyzer.analyze("fine by me").labels()).isEmpty();
        assertThat(rooms.analyze("a room of its own", "freelancer", T0, "fine by me").labels()).isEmpty();
    }

    @Test
    void theConversationOnlyAddsLabels() {
        assertThat(after(rooms(), "お仕事を始める前に、登録料3,000円をお振込みください", Label.SCAM_SIGNAL,
                "クラウドワークスを通さずに直接契約しませんか？").labels())
                .as("a direct-deal offer after a scam pitch is still one").contains(Label.OFF_PLATFORM_DEAL);
    }

    @Test
    void refusesAModelFileItCannotRead(@TempDir Path folder) throws IOException {
        for (String file : new String[] {Lexicon.LEXICON_FILE, Lexicon.PATTERNS_FILE}) {
            Files.copy(Path.of("config", "analysis", file), folder.resolve(file));
        }
        Files.writeString(folder.resolve(LabelModel.FILE), "not a model");
        assertThatThrownBy(() -> Analyzer.load(folder)).isInstanceOf(LexiconException.class)
                .hasMessageContaining(LabelModel.FILE).hasMessageContaining("not a usable label model");
    }
}
