package dev.contractgate.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Payment phrasings read as one term each, with the normalised value the ledger keeps and the summary renders. */
class PaymentTermDetectorTest {
    private static Analyzer analyzer;

    @BeforeAll
    static void load() {
        analyzer = Analyzer.loadRules(Path.of("config", "analysis"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            支払いは月末締め翌月末払いでお願いします                 | closing=end;due=next_month:end
            お支払いは月末締めの翌月末払いで、銀行振込になります。       | closing=end;due=next_month:end;method=bank_transfer
            20日締め、翌月15日払いです                              | closing=20;due=next_month:15
            報酬は翌月15日払いになります                            | due=next_month:15
            お支払いは納品後30日以内に銀行振込でいたします            | due=after_delivery:30d;method=bank_transfer
            お支払いは検収後となります                              | due=after_inspection
            検収後5営業日以内のお支払いでお願いします                 | due=after_inspection:5bd
            着手金50％・残金納品後でお願いできますか                 | split=50%:upfront,rest:after_delivery
            半分先に、残りは検収後でもいいですか？                    | split=50%:upfront,rest:after_inspection
            仮払いをお願いします                                   | method=escrow
            月末締め翌々月末払いとなります                           | closing=end;due=month_after_next:end
            Half now, half after approval. That's how I work.    | split=50%:upfront,rest:after_inspection
            Payment is net 30 by bank transfer.                  | due=after_invoice:30d;method=bank_transfer
            We pay at the end of the following month via PayPal. | due=next_month:end;method=paypal
            I'll pay within 14 days of delivery.                 | due=after_delivery:14d
            50% upfront and the rest upon delivery               | split=50%:upfront,rest:after_delivery
            """)
    void readsAPaymentPhrasingAsOneTerm(String text, String value) {
        List<Finding> payments = analyzer.analyze(text).findings().stream()
                .filter(finding -> finding.term() != null && finding.term().type() == TermType.PAYMENT)
                .filter(finding -> finding.term().value().contains("="))
                .toList();
        assertThat(payments).as("%s", analyzer.analyze(text)).hasSize(1);
        assertThat(payments.get(0).rule()).isEqualTo(PaymentTermDetector.RULE);
        assertThat(payments.get(0).term().value()).isEqualTo(value);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            決済機能にPayPalを導入してください
            納品後に修正があれば対応します
            仮払いなしで直接お願いできますか
            """)
    void readsNoPaymentTermWhereThereIsNone(String text) {
        assertThat(analyzer.analyze(text).findings()).noneMatch(finding -> finding.rule().equals(PaymentTermDetector.RULE));
    }
}
