package dev.contractgate.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class TextNormalizerTest {
    private static String normalize(String text) {
        return TextNormalizer.normalize(text).text;
    }

    /** The original chars a normalised range stands for. */
    private static String original(String text, String normalizedPart) {
        MappedText mapped = TextNormalizer.normalize(text);
        int start = mapped.text.indexOf(normalizedPart);
        assertThat(start).as("'%s' in '%s'", normalizedPart, mapped.text).isGreaterThanOrEqualTo(0);
        int[] span = mapped.originalSpan(start, start + normalizedPart.length());
        return text.substring(span[0], span[1]);
    }

    @Test
    void foldsFullWidthLettersDigitsAndSymbolsToLowerCaseAscii() {
        assertThat(normalize("ＬＩＮＥ　ＩＤ：ｍｉｋｉ２２２＠ｙａｈｏｏ．ｃｏ．ｊｐ")).isEqualTo("line id:miki222@yahoo.co.jp");
    }

    @Test
    void foldsHiraganaAndHalfWidthKatakanaToKatakana() {
        assertThat(normalize("らいん")).isEqualTo("ライン");
        assertThat(normalize("ﾗｲﾝ")).isEqualTo("ライン");
        assertThat(normalize("ｶﾞｲﾄﾞ")).isEqualTo("ガイド");
    }

    @Test
    void removesZeroWidthAndOtherInvisibleCharacters() {
        assertThat(normalize("L\u200bI\u200cN\u2060E\ufeff")).isEqualTo("line");
    }

    @Test
    void mapsNormalisedTextBackToTheOriginalOffsets() {
        String text = "連絡は ＬＩＮＥ で";
        assertThat(original(text, "line")).isEqualTo("ＬＩＮＥ");
        assertThat(original("ｶﾞｲﾄﾞです", "ガイド")).isEqualTo("ｶﾞｲﾄﾞ");
        assertThat(original("x\u200by@a.jp", "xy@a")).isEqualTo("x\u200by@a");
    }

    @Test
    void turnsKanjiNumeralsIntoDigits() {
        assertThat(normalize("〇九〇の一二三四の五六七八")).isEqualTo("090ノ1234ノ5678");
        assertThat(original("番号は〇九〇の一二三四", "090")).isEqualTo("〇九〇");
    }

    @Test
    void turnsSpokenNumeralsIntoDigits() {
        assertThat(normalize("ゼロキューゼロ、イチニーサンヨン")).isEqualTo("090、1234");
        assertThat(normalize("ぜろはちぜろのごーごーろくろく")).isEqualTo("080ノ5566");
    }

    @Test
    void readsMaruAsZeroInsideANumberAndAsADotBetweenGroups() {
        assertThat(normalize("090まる123まる456")).isEqualTo("09001230456");
        assertThat(normalize("090まる5555まる1234")).isEqualTo("090.5555.1234");
    }

    @Test
    void leavesWordsThatOnlyLookLikeNumeralsAlone() {
        assertThat(normalize("サンプルのイチゴ")).isEqualTo("サンプルノイチゴ");
        assertThat(normalize("一度ご確認ください")).isEqualTo("一度ゴ確認クダサイ");
        assertThat(normalize("〇〇で検索")).isEqualTo("〇〇デ検索");
    }

    @Test
    void keepsTheParticleNiAfterDigits() {
        assertThat(normalize("0 9 0 1 2 3 4 5 6 7 8 にかけて")).startsWith("09012345678 ニ");
    }

    @Test
    void joinsCharactersSpacedOrHyphenatedOneByOne() {
        assertThat(normalize("L I N E で")).isEqualTo("line デ");
        assertThat(normalize("l-i-n-e")).isEqualTo("line");
        assertThat(normalize("0-9-0-5-5-5")).isEqualTo("090555");
        assertThat(normalize("version 2.10.3")).isEqualTo("version 2.10.3");
    }

    @Test
    void hidesWhatIsNotTheSendersOwnWordsBehindOneBreak() {
        String text = "了解[quoted LINE教えて]です";
        java.util.BitSet quoted = new java.util.BitSet();
        quoted.set(text.indexOf('['), text.indexOf(']') + 1);

        MappedText mapped = TextNormalizer.normalize(text, quoted);

        assertThat(mapped.text).isEqualTo("了解\nデス");
        int[] span = mapped.originalSpan(3, 5);
        assertThat(text.substring(span[0], span[1])).isEqualTo("です");
    }

    @Test
    void parsesJapaneseNumbers() {
        assertThat(Numerals.parse("45,000")).isEqualByComparingTo("45000");
        assertThat(Numerals.parse("4万5千")).isEqualByComparingTo("45000");
        assertThat(Numerals.parse("四万五千")).isEqualByComparingTo("45000");
        assertThat(Numerals.parse("1.5万")).isEqualByComparingTo("15000");
        assertThat(Numerals.parse("二千")).isEqualByComparingTo("2000");
        assertThat(Numerals.parse("十万")).isEqualByComparingTo("100000");
        assertThat(Numerals.parse("12")).isEqualByComparingTo(BigDecimal.valueOf(12));
        assertThat(Numerals.parse("abc")).isNull();
    }
}
