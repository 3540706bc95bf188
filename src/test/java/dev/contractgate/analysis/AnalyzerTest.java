package dev.contractgate.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import dev.contractgate.chatwork.ChatworkNotation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AnalyzerTest {
    /** A Sunday. */
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 29);
    private static Analyzer analyzer;

    @BeforeAll
    static void load() {
        analyzer = Analyzer.loadRules(Path.of("config", "analysis"));
    }

    /** A message as Chatwork delivers it: its notation says which parts are not the sender's own words. */
    private static List<Label> chatworkLabels(String text) {
        return analyzer.analyze(text, ChatworkNotation.notOwnWords(text), TODAY).labels();
    }

    private static Analysis analyze(String text) {
        return analyzer.analyze(text, TODAY);
    }

    private static Finding only(String text, String rule) {
        List<Finding> findings = analyze(text).findings().stream().filter(f -> f.rule().equals(rule)).toList();
        assertThat(findings).as("%s in %s", rule, analyze(text)).hasSize(1);
        return findings.get(0);
    }

    private static List<Label> labels(String text) {
        return analyze(text).labels();
    }

    // --- contact details

    @Test
    void findsAnEmailAddressAndReportsItsOriginalSpan() {
        String text = "今後はこちらへ yamada.taro1985@gmail.com までお願いします";
        Finding email = only(text, "contact.email");
        assertThat(email.match()).isEqualTo("yamada.taro1985@gmail.com");
        assertThat(text.substring(email.start(), email.end())).isEqualTo(email.match());
    }

    @Test
    void findsAnEmailAddressWithSpelledOutAtAndDot() {
        assertThat(only("taro.suzuki あっと gmail どっと com に送って", "contact.email").match())
                .isEqualTo("taro.suzuki あっと gmail どっと com");
        assertThat(only("アドレスは yamada アットマーク gmail.com です", "contact.email").match())
                .isEqualTo("yamada アットマーク gmail.com");
        assertThat(only("info[at]kobayashi-office[dot]jp", "contact.email").match()).isEqualTo("info[at]kobayashi-office[dot]jp");
        assertThat(only("Please email me at mike dot chen at gmail dot com", "contact.email").match())
                .isEqualTo("mike dot chen at gmail dot com");
        assertThat(only("ｋｅｎｔａ＠ｙａｈｏｏ．ｃｏ．ｊｐ", "contact.email").match()).isEqualTo("ｋｅｎｔａ＠ｙａｈｏｏ．ｃｏ．ｊｐ");
    }

    @Test
    void ignoresDocumentationDomainsAsSampleData() {
        assertThat(labels("テストデータのメールアドレスは test@example.com で統一してください。")).isEmpty();
        assertThat(labels("Please use demo@example.org for the login form.")).isEmpty();
    }

    @Test
    void ignoresExampleAddressesInsideCodeBlocks() {
        assertThat(chatworkLabels("[code]const email = \"user@mail.jp\";\nconst tel = \"090-1234-5678\";[/code]修正しました")).isEmpty();
    }

    @Test
    void findsPhoneNumbersHoweverTheyAreWritten() {
        assertThat(only("私の携帯は090-1234-5678です", "contact.phone").match()).isEqualTo("090-1234-5678");
        assertThat(only("連絡先：０９０－３３４４－５５６６", "contact.phone").match()).isEqualTo("０９０－３３４４－５５６６");
        assertThat(only("番号は〇九〇の一二三四の五六七八です", "contact.phone").match()).isEqualTo("〇九〇の一二三四の五六七八");
        assertThat(only("ゼロキューゼロ、イチニーサンヨン、ゴーロクナナハチへ", "contact.phone").match())
                .isEqualTo("ゼロキューゼロ、イチニーサンヨン、ゴーロクナナハチ");
        assertThat(only("0 9 0 1 2 3 4 5 6 7 8 にかけて", "contact.phone").match()).isEqualTo("0 9 0 1 2 3 4 5 6 7 8");
        assertThat(only("090\u200b-1234\u200b-9999 まで", "contact.phone").match()).isEqualTo("090\u200b-1234\u200b-9999");
        assertThat(only("WhatsApp: +81 90 2222 3333", "contact.phone").match()).isEqualTo("+81 90 2222 3333");
    }

    @Test
    void aNumberEndsWhereTheFigureWrittenAfterItBegins() {
        Analysis analysis = analyze("090-1234-5678、5万円でお願いします");
        assertThat(only("090-1234-5678、5万円でお願いします", "contact.phone").match()).isEqualTo("090-1234-5678");
        assertThat(analysis.findings()).filteredOn(finding -> finding.label() == Label.NEGOTIATION)
                .extracting(Finding::match).containsExactly("5万円");
        assertThat(only("電話は03-1234-5678、2時以降にお願いします", "contact.phone").match()).isEqualTo("03-1234-5678");
        // a number spelled out with 、 between its groups is still one number
        assertThat(only("ゼロキューゼロ、イチニーサンヨン、ゴーロクナナハチへ", "contact.phone").match())
                .isEqualTo("ゼロキューゼロ、イチニーサンヨン、ゴーロクナナハチ");
    }

    @Test
    void ignoresVersionNumbersDatesOrderNumbersAndProductCodes() {
        assertThat(labels("Node.jsは18.17.1、npmは9.6.7を使っています。")).isEmpty();
        assertThat(labels("注文番号 2024-1130-0091 の件でお問い合わせがありました。")).isEmpty();
        assertThat(labels("商品コード 4901234567894 の画像が出ません。")).isEmpty();
        assertThat(labels("郵便番号 150-0001 から住所を自動入力してください。")).isEmpty();
        assertThat(labels("記事の公開日は2024.03.15で設定してください。")).isEmpty();
    }

    @Test
    void ignoresAPhoneNumberShownAsTheFormatOfAFormBeingBuilt() {
        assertThat(labels("入力例として 03-1234-5678 の形式を表示し、数字以外はエラーにしてください。")).isEmpty();
        assertThat(labels("電話番号のプレースホルダーは「例：09012345678」と表示してください。")).isEmpty();
        assertThat(labels("お問い合わせフォームに電話番号の入力欄を追加してください。")).isEmpty();
    }

    // --- channels, handles, solicitation

    @Test
    void findsLineWrittenInKanaHalfWidthSpacedOrAsSlang() {
        assertThat(labels("らいんやってますか？交換しましょう")).containsExactly(Label.CONTACT_EXCHANGE);
        assertThat(labels("ﾗｲﾝのIDお送りします！ → hiro_0321")).containsExactly(Label.CONTACT_EXCHANGE);
        assertThat(labels("L I N E で話しましょう")).containsExactly(Label.CONTACT_EXCHANGE);
        assertThat(labels("緑のアプリのほうが返信早いので、そっちでお願いします")).containsExactly(Label.CONTACT_EXCHANGE);
    }

    @Test
    void findsAHandleGivenForAService() {
        assertThat(only("カカオトークのIDはpark1988です", "contact.handle").match()).isEqualTo("カカオトークのIDはpark1988");
        assertThat(labels("Skypeでお話しできますか？ skype名: live:tanaka.m_1")).containsExactly(Label.CONTACT_EXCHANGE);
        assertThat(labels("Telegram使ってますか？ @crypto_jobs_jp に連絡ください")).containsExactly(Label.CONTACT_EXCHANGE);
    }

    @Test
    void findsSolicitationWithoutALiteralDetail() {
        assertThat(labels("緑のアプリで連絡ください。IDは下記です")).containsExactly(Label.CONTACT_EXCHANGE);
        assertThat(labels("連絡先はプロフ参照でお願いします！")).containsExactly(Label.CONTACT_EXCHANGE);
        assertThat(labels("インスタで「hana_handmade」で検索してDMください")).containsExactly(Label.CONTACT_EXCHANGE);
        assertThat(labels("QRコードを送りますので、読み取って友だち追加してください")).containsExactly(Label.CONTACT_EXCHANGE);
        assertThat(labels("メールアドレスを教えていただけますか？")).containsExactly(Label.CONTACT_EXCHANGE);
    }

    @Test
    void findsMeetingLinksUsedToMoveTheTalk() {
        assertThat(only("詳細はこちらで https://us05web.zoom.us/j/81234567890?pwd=abc", "contact.link").match())
                .isEqualTo("zoom.us/j");
        assertThat(labels("https://line.me/ti/p/AbCdEf123 から友だち追加お願いします")).containsExactly(Label.CONTACT_EXCHANGE);
    }

    @Test
    void ignoresLineAsAChartLine() {
        assertThat(labels("The chart has a red line for revenue and a blue line for costs.")).isEmpty();
        assertThat(labels("グラフのラインが細くて見づらいので、太さを2pxにしてください。")).isEmpty();
        assertThat(labels("ボーダーラインをもう少し薄いグレーにしていただけますか。")).isEmpty();
        assertThat(labels("新しい商品ラインナップの紹介ページを作ります。")).isEmpty();
        assertThat(labels("オンラインで打ち合わせしましょう")).isEmpty();
    }

    @Test
    void ignoresALineOfficialAccountThatIsTheJobItself() {
        assertThat(labels("今回の案件はLINE公式アカウントの運用代行です。リッチメニューの作成もお願いします。")).isEmpty();
        assertThat(labels("LINE公式アカウントの友だち追加ボタンをLPに設置してください。")).isEmpty();
        assertThat(labels("「LINEで送る」ボタンをブログの記事下に設置してください。")).isEmpty();
    }

    @Test
    void ignoresAMessageThatOnlyCitesTheRule() {
        assertThat(labels("LINEでの連絡先交換は規約で禁止されていますので、引き続きこちらでお願いします。")).isEmpty();
        assertThat(labels("直接取引は規約違反になるので、お受けできません。")).isEmpty();
        assertThat(labels("Contacting outside the platform is against the rules, so let's keep chatting here.")).isEmpty();
    }

    @Test
    void ignoresWhatAQuoteSaysAndReadsTheReply() {
        assertThat(chatworkLabels("[qt][qtmeta aid=1234 time=1700000000]LINE教えてもらえますか？[/qt]LINEは規約違反になるのでお教えできません。"))
                .isEmpty();
        assertThat(chatworkLabels("[qt][qtmeta aid=1 time=2]納期は？[/qt]了解です、メールは a.b@gmail.com です")).containsExactly(Label.CONTACT_EXCHANGE);
    }

    // --- direct deals

    @Test
    void findsDirectDealProposals() {
        assertThat(labels("クラウドワークスを通さずに直接お仕事をお願いしたいのですが可能ですか？")).containsExactly(Label.OFF_PLATFORM_DEAL);
        assertThat(labels("システム利用料を引かれるのがもったいないので、直接取引でお願いします。")).containsExactly(Label.OFF_PLATFORM_DEAL);
        assertThat(labels("Let's move this outside Upwork to avoid the fees.")).containsExactly(Label.OFF_PLATFORM_DEAL);
    }

    @Test
    void ignoresDirectDealAsTheTopicOfAnArticle() {
        assertThat(labels("記事のテーマは「フリーランスが直接契約を持ちかけられたときの注意点」です。")).isEmpty();
    }

    // --- negotiation terms

    @Test
    void normalisesAmountsToYenOrCurrency() {
        assertThat(only("全体で5万円でいかがでしょうか", "negotiation.amount").term()).isEqualTo(new Term(TermType.AMOUNT, "50000"));
        assertThat(only("合計で¥120,000（税込）です", "negotiation.amount").term()).isEqualTo(new Term(TermType.AMOUNT, "120000"));
        assertThat(only("四万五千円でお願いできますか？", "negotiation.amount").term()).isEqualTo(new Term(TermType.AMOUNT, "45000"));
        assertThat(only("My budget is $800 for the site", "negotiation.amount").term()).isEqualTo(new Term(TermType.AMOUNT, "USD 800"));
    }

    @Test
    void findsRatesWithTheirUnit() {
        Finding hourly = only("時給1500円でお願いできればと思います。", "negotiation.rate");
        assertThat(hourly.term()).isEqualTo(new Term(TermType.RATE, "1500 JPY/hour"));
        assertThat(hourly.match()).isEqualTo("時給1500円");
        assertThat(only("文字単価1.5円を希望します", "negotiation.rate").term().value()).isEqualTo("1.5 JPY/character");
        assertThat(only("I can do it for 60 USD per hour", "negotiation.rate").term().value()).isEqualTo("60 USD/hour");
    }

    @Test
    void resolvesDeadlinesAgainstTheReferenceDate() {
        assertThat(only("納期は12月15日でお願いできますか？", "negotiation.deadline").term().value()).isEqualTo("2026-12-15");
        assertThat(only("来週金曜日までに納品いただけると助かります。", "negotiation.deadline").term().value()).isEqualTo("2026-12-04");
        assertThat(only("1月末納品で問題ありません。", "negotiation.deadline").term().value()).isEqualTo("2027-01-31");
        assertThat(only("2週間以内に初稿を提出いただけますか？", "negotiation.deadline").term().value()).isEqualTo("2026-12-13");
        assertThat(only("Could you deliver by Friday?", "negotiation.deadline").term().value()).isEqualTo("2026-12-04");
        assertThat(analyzer.analyze("納期は12月15日です").findings().get(0).term().value()).isEqualTo("12月15日");
    }

    @Test
    void ignoresMeetingTimesAndWorkReports() {
        assertThat(labels("打ち合わせは12月5日の14時からでお願いします。")).isEmpty();
        assertThat(labels("今日はここまでにします。お疲れさまでした！")).isEmpty();
        assertThat(labels("年末年始は12/29から1/3まで休業となります。")).isEmpty();
    }

    @Test
    void findsScopePaymentRevisionsAndNda() {
        assertThat(only("作業範囲はトップページと下層3ページまでです", "negotiation.scope").term().type()).isEqualTo(TermType.SCOPE);
        assertThat(analyze("お支払いは納品後、月末締め翌月末払いとなります。").findings())
                .anySatisfy(finding -> assertThat(finding.term().type()).isEqualTo(TermType.PAYMENT));
        assertThat(only("修正は2回まで無料で対応いたします。", "negotiation.revisions").term()).isEqualTo(new Term(TermType.REVISIONS, "修正は2回"));
        assertThat(only("NDAを締結してから開始します", "negotiation.nda").term().type()).isEqualTo(TermType.NDA);
    }

    @Test
    void ignoresPaymentWordsWhenThePaymentSystemIsTheJob() {
        assertThat(labels("PayPal決済の機能を実装してください")).isEmpty();
        assertThat(labels("この案件のお支払いは検収後になります")).containsExactly(Label.NEGOTIATION);
    }

    @Test
    void ignoresTheClientsProductPrices() {
        assertThat(labels("当店の人気商品は税込3,980円のハンドクリームです。この商品のLPを作りたいです。")).isEmpty();
        assertThat(labels("Our product sells for 49 USD on the store, please mention that in the copy.")).isEmpty();
    }

    // --- scams

    @Test
    void flagsAnUpfrontFeeAsAScamAndNotAsAPrice() {
        assertThat(labels("登録料として3,000円をお振込みいただいた方から順にお仕事をお渡ししています。"))
                .containsExactly(Label.SCAM_SIGNAL);
    }

    @Test
    void flagsScamSignals() {
        assertThat(labels("本人確認のため、運転免許証の写真とマイナンバーカードの画像を送ってください。")).containsExactly(Label.SCAM_SIGNAL);
        // the pay offered is still a term of the (bait) job; only a fee the worker is asked to pay is scam-only
        assertThat(labels("スマホでコピペするだけの簡単作業で日給3万円！未経験でもOKです。"))
                .containsExactly(Label.NEGOTIATION, Label.SCAM_SIGNAL);
        assertThat(labels("今日中にお返事いただけない場合、この枠は他の方に回します。")).containsExactly(Label.SCAM_SIGNAL);
        assertThat(labels("仲間を紹介するごとに報酬がアップする仕組みです。")).containsExactly(Label.SCAM_SIGNAL);
        assertThat(labels("作業には専用アプリのインストールが必要です。")).containsExactly(Label.SCAM_SIGNAL);
        assertThat(labels("簡単な作業です。面接はLINEで行いますので、IDを追加してください。"))
                .containsExactly(Label.CONTACT_EXCHANGE, Label.SCAM_SIGNAL);
    }

    // --- the result

    @Test
    void sortsLabelsAndGivesNegotiationTermsOnly() {
        Analysis analysis = analyze("直接契約したいので、LINEを交換してもらえますか？報酬は5万円です");
        assertThat(analysis.labels()).containsExactly(Label.CONTACT_EXCHANGE, Label.NEGOTIATION, Label.OFF_PLATFORM_DEAL);
        assertThat(analysis.findings()).allSatisfy(finding ->
                assertThat(finding.term() != null).isEqualTo(finding.label() == Label.NEGOTIATION));
    }

    @Test
    void answersEmptyForBlankText() {
        assertThat(analyzer.analyze("")).isEqualTo(Analysis.EMPTY);
        assertThat(analyzer.analyze(null)).isEqualTo(Analysis.EMPTY);
    }

    @Test
    void givesTheSameAnswersFromManyThreads() throws Exception {
        List<String> texts = List.of("LINE IDはabc_123です", "時給1500円で", "090-1234-5678", "了解です", "登録料3000円");
        List<Analysis> expected = texts.stream().map(AnalyzerTest::analyze).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> runs = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int index = i % texts.size();
                runs.add(pool.submit(() -> analyze(texts.get(index)).equals(expected.get(index))));
            }
            for (Future<Boolean> run : runs) {
                assertThat(run.get()).isTrue();
            }
        } finally {
            pool.shutdown();
        }
    }
}
