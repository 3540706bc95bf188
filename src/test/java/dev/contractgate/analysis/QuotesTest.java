package dev.contractgate.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuotesTest {
    private static String quote(String text, String match) {
        int start = text.indexOf(match);
        return Quotes.clause(text, start, start + match.length());
    }

    @Test
    void quotesTheWholeClauseAroundAMatchThatStopsMidWord() {
        String text = "急ぎなので、LINEのほうが早いかもしれません。IDは sato_kenichi です。";

        assertThat(quote(text, "LINEのほうが早")).isEqualTo("LINEのほうが早いかもしれません");
        assertThat(quote(text, "IDは sato_kenichi")).isEqualTo("IDは sato_kenichi です");
    }

    @Test
    void quotesTheClauseOfAStemAndOfAWordAlone() {
        String deal = "次回からは手数料がかからないように、クラウドワークスを通さずに直接契約しませんか？";
        String terms = "ありがとうございます。報酬は5万円、納期は12月15日でいかがでしょうか。";

        assertThat(quote(deal, "直接契約し")).isEqualTo("クラウドワークスを通さずに直接契約しませんか");
        assertThat(quote(terms, "報酬")).isEqualTo("報酬は5万円");
        assertThat(quote(terms, "納期は12月15日")).isEqualTo("納期は12月15日でいかがでしょうか");
        assertThat(quote("その前に、作業用ツールの登録料3,000円を先にお振込みいただけますか。", "登録料"))
                .as("a comma inside a number ends nothing").isEqualTo("作業用ツールの登録料3,000円を先にお振込みいただけますか");
    }

    @Test
    void trimsALongClauseToWordEdgesWithAnEllipsis() {
        String text = "プロジェクトの今後の進め方についてご相談したいことがたくさんあるので取り急ぎLINEのIDを共有させていただきますのでご確認ください";

        String quoted = quote(text, "LINEのID");

        assertThat(quoted).startsWith("…").endsWith("…").contains("LINEのID");
        assertThat(quoted.length()).isLessThanOrEqualTo(Quotes.MAX + 2);
        String inner = quoted.substring(1, quoted.length() - 1);
        int at = text.indexOf(inner);
        assertThat(Quotes.wordEdge(text, at)).as("starts on a word edge: " + inner).isTrue();
        assertThat(Quotes.wordEdge(text, at + inner.length())).as("ends on a word edge: " + inner).isTrue();
    }

    @Test
    void keepsEnglishWordsWhole() {
        String text = "We could save a lot of time if you would just add me on WhatsApp at plus one two three, thanks";

        String quoted = quote(text, "add me on What");

        assertThat(quoted).contains("add me on WhatsApp").doesNotContain(" What ");
        assertThat(quoted.replace("…", "")).doesNotStartWith(" ").matches("^\\S.*\\S$");
    }
}
