package dev.contractgate.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rule bugs found on messages written outside the project (issue 13), each pinned by a message. */
class AnalyzerRuleFixesTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 29);
    private static Analyzer analyzer;

    @BeforeAll
    static void load() {
        analyzer = Analyzer.loadRules(Path.of("config", "analysis"));
    }

    private static Analysis analyze(String text) {
        return analyzer.analyze(text, TODAY);
    }

    private static List<String> rules(String text) {
        return analyze(text).findings().stream().map(Finding::rule).toList();
    }

    private static List<Term> terms(String text) {
        return analyze(text).findings().stream().map(Finding::term).filter(java.util.Objects::nonNull).toList();
    }

    @Test
    void readsDeadlineWrittenWithoutOkurigana() {
        assertThat(rules("締切はいつ頃を想定されていますか")).contains("negotiation.deadline_word");
        assertThat(terms("締切は12月15日です")).contains(new Term(TermType.DEADLINE, "2026-12-15"));
    }

    @Test
    void aDateEndingIn中or以内StillTakesTheCueAfterIt() {
        assertThat(terms("本日中に納品します")).contains(new Term(TermType.DEADLINE, "2026-11-29"));
        assertThat(terms("今月中にお願いできますか")).contains(new Term(TermType.DEADLINE, "2026-11-30"));
        assertThat(terms("2週間以内に納品できます")).contains(new Term(TermType.DEADLINE, "2026-12-13"));
    }

    @Test
    void lowerCaseLineIsAnOrdinaryWordThatOtherRulesStillRead() {
        assertThat(rules("Feel free to drop me a line whenever you like")).contains("contact.english_reach");
        assertThat(analyze("can you make the red line on the chart thicker?").labels()).isEmpty();
    }

    @Test
    void dmIsAWordNotPartOfAdmin() {
        assertThat(analyze("adminください、権限の付与をお願いします").has(Label.CONTACT_EXCHANGE)).isFalse();
        assertThat(analyze("admin権限をお願いします。").has(Label.CONTACT_EXCHANGE)).isFalse();
        assertThat(rules("DMください")).contains("contact.dm_me");
    }

    @Test
    void payPerItemWithあたりIsBigPayBait() {
        assertThat(rules("スマホで簡単な作業、1件あたり5,000円です")).contains("scam.big_pay");
    }

    @Test
    void aChannelGlossedInBracketsIsStillInvited() {
        assertThat(rules("緑のアプリ（ライン）で連絡しましょう")).contains("contact.channel_glossed");
    }

    @Test
    void anAddressSpelledOutOnPurposeIsSharedWhateverItsDomain() {
        assertThat(rules("連絡は taro (at) example (dot) com までお願いします")).contains("contact.email");
        assertThat(rules("yamada アットマーク sample どっと jp に送ってください")).contains("contact.email");
    }

    @Test
    void aNumberGivenAsTheSendersIsSharedWhateverItsDigits() {
        assertThat(rules("電話番号は090-0000-1234です、こちらにご連絡ください")).contains("contact.phone");
        assertThat(analyze("テスト送信はダミーの電話番号 090-0000-1234 でお願いします").has(Label.CONTACT_EXCHANGE)).isFalse();
    }

    @Test
    void readsTheBaitTheRecruitingChainAndTheDeliverablesNobodyListed() {
        assertThat(rules("スキル不問・在宅・ボタンを押すだけ")).contains("scam.trivial_bait");
        assertThat(rules("everyone you bring in earns you a share")).contains("scam.mlm");
        assertThat(rules("バナー5点とアイコン2点でお願いします")).contains("negotiation.deliverables");
        assertThat(rules("マイルストーンを3つに分けましょう")).contains("negotiation.payment");
    }

    @Test
    void aSensitiveDataWordAsAFieldOfAFormIsTheJob() {
        assertThat(analyze("パスポート番号の入力欄を追加してください").has(Label.SCAM_SIGNAL)).isFalse();
        assertThat(analyze("パスポートの写真を送ってください").has(Label.SCAM_SIGNAL)).isTrue();
    }

    @Test
    void aChannelNamedElliptically() {
        assertThat(rules("残りの話はワッツアップで。")).contains("contact.channel_elliptic");
        assertThat(rules("詳細はXにて🙇")).contains("contact.channel_elliptic");
        assertThat(analyze("X座標を10にしてください").labels()).isEmpty();
    }

    @Test
    void theJobsPayInsideAScamPitchIsStillATermButTheFeeIsNot() {
        Analysis pitch = analyze("スマホで簡単作業、日給2万円です。登録料3,000円を先にお振込みください。");
        assertThat(pitch.labels()).contains(Label.NEGOTIATION, Label.SCAM_SIGNAL);
        List<Term> found = pitch.findings().stream().map(Finding::term).filter(java.util.Objects::nonNull).toList();
        assertThat(found).contains(new Term(TermType.RATE, "20000 JPY/day"));
        assertThat(found).doesNotContain(new Term(TermType.AMOUNT, "3000"));
        assertThat(analyze("作業開始前にアカウント発行料として3,000円をご入金ください。").has(Label.NEGOTIATION)).isFalse();
    }
}
