package dev.contractgate.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contractgate.Main;
import dev.contractgate.analysis.Analyzer;
import dev.contractgate.analysis.Finding;
import dev.contractgate.chat.Member;
import dev.contractgate.gate.RoomView;
import dev.contractgate.ledger.LedgerEntry;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The summary's terms and its freelance-act checklist, built from what the analysis recorded in the ledger. */
class SummaryTest {
    private static final Instant NOW = Instant.parse("2026-11-20T01:00:00Z");
    private static final Analyzer ANALYZER = Analyzer.loadRules(Path.of("config", "analysis"));
    private static final RoomView ROOM = new RoomView("chatwork", "10", "1", List.of(new Member("1", "ContractGate"),
            new Member("2", "山田 花子"), new Member("3", "Ken Sato")), List.of("2"));

    private static Summary summary(String language) {
        return new Summary(Main.loadMessages(Path.of("config"), language, ZoneId.of("Asia/Tokyo")));
    }

    /** The ledger entries the analysis gives for the messages, as the ledger keeps them (bare words left out). */
    private static List<LedgerEntry> ledger(String... texts) {
        List<LedgerEntry> entries = new ArrayList<>();
        long id = 1;
        for (String text : texts) {
            for (Finding finding : ANALYZER.analyze(text).findings()) {
                if (finding.term() == null || finding.term().type().id().equals("payment") && !finding.term().value().contains("=")) {
                    continue;
                }
                entries.add(new LedgerEntry(id, "chatwork", "10", "m" + id, "3", NOW, finding.term().type().id(),
                        finding.term().value(), finding.match(), false, null, null, NOW, null));
                id++;
            }
        }
        return entries;
    }

    private static String rendered(String language, List<LedgerEntry> entries) {
        Map<String, Object> params = summary(language).params(ROOM, entries, NOW);
        return params.get("terms") + "\n" + params.get("checklist") + "\n" + params.get("warnings");
    }

    @Test
    void marksPaymentDueAndMethodFromOneNormalisedTerm() {
        List<LedgerEntry> entries = ledger("お支払いは月末締めの翌月末払いで、銀行振込になります。");
        assertThat(entries).singleElement().satisfies(entry ->
                assertThat(entry.value()).isEqualTo("closing=end;due=next_month:end;method=bank_transfer"));
        String japanese = rendered("ja", entries);
        assertThat(japanese).contains("・支払い：月末締め・翌月末払い・銀行振込").contains("✓ 支払期日").contains("✓ 支払方法")
                .doesNotContain("⚠");
    }

    @Test
    void warnsWhenTheDueDateLiesMoreThanSixtyDaysAfterDelivery() {
        assertThat(rendered("ja", ledger("お支払いは月末締め翌々月末払いとなります"))).contains("⚠ 支払期日が納品から60日を超える");
        assertThat(rendered("en", ledger("お支払いは納品後90日以内です"))).contains("more than 60 days after delivery");
        assertThat(rendered("ja", ledger("お支払いは納品後30日以内です"))).doesNotContain("⚠");
    }

    @Test
    void writesAnEnglishSummaryInEnglishThroughout() {
        assertThat(rendered("en", ledger("お支払いは月末締めの翌月末払いで、銀行振込になります。")))
                .contains("closing at the end of the month, paid at the end of the following month, bank transfer")
                .contains("[x] when it is paid").contains("[x] how it is paid");
        assertThat(rendered("en", ledger("着手金50％・残金納品後でお願いします"))).contains("50% up front, the rest after delivery");
        assertThat(rendered("en", ledger("報酬は翌月15日払いになります"))).contains("paid on day 15 of the following month");
        String english = rendered("en", ledger("修正は2回までです", "仮払いをお願いします", "作業範囲はトップページのみです",
                "秘密保持契約を結びます", "納期は12月15日です", "報酬は5万円です"));
        assertThat(english).contains("the platform's escrow").contains("up to 2 rounds").contains("JPY 50,000");
        assertThat(english).doesNotContainPattern("[\\p{IsHiragana}\\p{IsKatakana}\\p{IsHan}]");
    }
}
