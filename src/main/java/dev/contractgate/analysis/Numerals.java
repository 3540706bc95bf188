package dev.contractgate.analysis;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Numbers written in kanji or spoken aloud, as people write phone numbers and prices to get past filters. */
final class Numerals {
    /** Spoken digits in katakana (the text is already folded), longest first; まる is zero inside a number. */
    private static final String[] SPOKEN = {
        "キュウ", "キュー", "ゼロ", "レイ", "マル", "イチ", "ニー", "サン", "ヨン", "ゴー", "ロク", "ナナ", "シチ", "ハチ",
        "ニ", "ヨ", "ゴ"};
    private static final char[] SPOKEN_DIGIT = {
        '9', '9', '0', '0', '0', '1', '2', '3', '4', '5', '6', '7', '7', '8', '2', '4', '5'};
    private static final String KANJI_DIGITS = "〇一二三四五六七八九";
    private static final String SPOKEN_FIRST = "キゼレマイニサヨゴロナシハ";
    /** Per char: 0 starts no digit token, 1 is a digit itself (0-9, 〇-九, 零), 2 may start a spoken digit. */
    private static final byte[] TOKEN_START = new byte[Character.MAX_VALUE + 1];

    static {
        for (char c = '0'; c <= '9'; c++) {
            TOKEN_START[c] = 1;
        }
        for (char c : (KANJI_DIGITS + "零").toCharArray()) {
            TOKEN_START[c] = 1;
        }
        for (char c : SPOKEN_FIRST.toCharArray()) {
            TOKEN_START[c] = 2;
        }
    }
    /** A number-like run needs this many digits, one of them spelled out, before it is read as digits. */
    private static final int MIN_RUN = 4;

    private Numerals() {
    }

    /** Digit of a kanji numeral (〇 to 九, 零), or -1. */
    static int kanjiDigit(char c) {
        if (c == '零') {
            return 0;
        }
        return KANJI_DIGITS.indexOf(c);
    }

    /** Replaces runs such as 〇九〇の一二三四, ゼロキューゼロ or 090まる123 by digits; separators stay. */
    static MappedText spelledOutToDigits(MappedText in) {
        String text = in.text;
        MappedText.Builder out = null;
        int copied = 0;
        int i = 0;
        while (i < text.length()) {
            if (digitToken(text, i) == 0) {
                i++;
                continue;
            }
            Run run = run(text, i);
            if (run == null) {
                i++;
                continue;
            }
            if (out == null) {
                out = new MappedText.Builder(text.length());
            }
            for (int c = copied; c < i; c++) {
                out.copy(in, c);
            }
            int k = i;
            while (k < run.end) {
                int tokenLength = digitToken(text, k);
                if (tokenLength > 0) {
                    boolean maru = text.startsWith("マル", k);
                    out.replace(maru && run.maruIsSeparator ? '.' : digitValue(text, k), in, k, k + tokenLength);
                    k += tokenLength;
                } else {
                    out.copy(in, k);
                    k++;
                }
            }
            copied = run.end;
            i = run.end;
        }
        if (out == null) {
            return in;
        }
        for (int c = copied; c < text.length(); c++) {
            out.copy(in, c);
        }
        return out.build();
    }

    /**
     * A run of number words to convert.
     *
     * @param maruIsSeparator まる stands for a dot between digit groups (090まる5555まる1234), not for zero
     */
    private record Run(int end, boolean maruIsSeparator) {
    }

    /** The number-like run starting at {@code start} if it should be converted, else null. */
    private static Run run(String text, int start) {
        List<int[]> tokens = new ArrayList<>();
        int k = start;
        while (k < text.length()) {
            int tokenLength = digitToken(text, k);
            if (tokenLength == 0) {
                int gap = 0;
                while (k < text.length() && gap < 2 && isSeparator(text.charAt(k))) {
                    k++;
                    gap++;
                }
                if (gap == 0 || k >= text.length() || digitToken(text, k) == 0) {
                    break;
                }
                continue;
            }
            tokens.add(new int[] {k, tokenLength});
            k += tokenLength;
        }
        // ニ, ヨ, ゴ are also particles and prefixes (に, よ, ご): they count only next to other spoken digits
        while (!tokens.isEmpty() && isLoneSpoken(text, tokens, tokens.size() - 1, tokens.size() - 2)) {
            tokens.remove(tokens.size() - 1);
        }
        if (tokens.isEmpty() || isLoneSpoken(text, tokens, 0, 1)) {
            return null;
        }
        int maru = 0;
        boolean spelled = false;
        for (int[] token : tokens) {
            char c = text.charAt(token[0]);
            spelled |= !(c >= '0' && c <= '9');
            maru += text.startsWith("マル", token[0]) ? 1 : 0;
        }
        int digits = tokens.size();
        if (digits < MIN_RUN || !spelled) {
            return null;
        }
        int[] last = tokens.get(tokens.size() - 1);
        boolean phoneLengthWithZero = digits >= 10 && digits <= 11;
        boolean phoneLengthWithout = digits - maru >= 10 && digits - maru <= 11;
        return new Run(last[0] + last[1], maru > 0 && !phoneLengthWithZero && phoneLengthWithout);
    }

    private static boolean isLoneSpoken(String text, List<int[]> tokens, int index, int neighbour) {
        int[] token = tokens.get(index);
        if (token[1] != 1 || !isKatakana(text.charAt(token[0]))) {
            return false;
        }
        return neighbour < 0 || neighbour >= tokens.size() || !isKatakana(text.charAt(tokens.get(neighbour)[0]));
    }

    private static boolean isKatakana(char c) {
        return c >= '\u30a1' && c <= '\u30fa';
    }

    /** Length of the digit token at {@code index} (ASCII digit, kanji digit, spoken digit), or 0. */
    private static int digitToken(String text, int index) {
        char c = text.charAt(index);
        byte kind = TOKEN_START[c];
        if (kind == 0) {
            return 0;
        }
        if (kind == 1) {
            return 1;
        }
        for (String spoken : SPOKEN) {
            if (spoken.charAt(0) == c && text.startsWith(spoken, index)) {
                return spoken.length();
            }
        }
        return 0;
    }

    private static char digitValue(String text, int index) {
        char c = text.charAt(index);
        if (c >= '0' && c <= '9') {
            return c;
        }
        int kanji = kanjiDigit(c);
        if (kanji >= 0) {
            return (char) ('0' + kanji);
        }
        for (int s = 0; s < SPOKEN.length; s++) {
            if (text.startsWith(SPOKEN[s], index)) {
                return SPOKEN_DIGIT[s];
            }
        }
        throw new IllegalStateException("not a digit token at " + index);
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '-' || c == 'ー' || c == '、' || c == ',' || c == '.' || c == 'ノ' || c == '・'
                || c == '(' || c == ')';
    }

    /**
     * The value of a Japanese number such as {@code 45,000}, {@code 4万5千}, {@code 四万五千}, {@code 1.5万} or
     * {@code 二千}; null when it is not one.
     */
    static BigDecimal parse(String number) {
        String text = number.replace(",", "");
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal section = BigDecimal.ZERO;
        StringBuilder digits = new StringBuilder();
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int kanji = kanjiDigit(c);
            if (c >= '0' && c <= '9' || c == '.') {
                digits.append(c);
            } else if (kanji >= 0) {
                digits.append((char) ('0' + kanji));
            } else if (smallUnit(c) > 0) {
                BigDecimal value = digits.length() == 0 ? BigDecimal.ONE : decimal(digits);
                if (value == null) {
                    return null;
                }
                section = section.add(value.multiply(BigDecimal.valueOf(smallUnit(c))));
                digits.setLength(0);
            } else if (c == '万' || c == '億') {
                BigDecimal value = digits.length() == 0 ? BigDecimal.ZERO : decimal(digits);
                if (value == null) {
                    return null;
                }
                section = section.add(value);
                if (section.signum() == 0) {
                    section = BigDecimal.ONE;
                }
                total = total.add(section.multiply(BigDecimal.valueOf(c == '万' ? 10_000L : 100_000_000L)));
                section = BigDecimal.ZERO;
                digits.setLength(0);
            } else {
                return null;
            }
            any = true;
        }
        if (!any) {
            return null;
        }
        if (digits.length() > 0) {
            BigDecimal value = decimal(digits);
            if (value == null) {
                return null;
            }
            section = section.add(value);
        }
        return total.add(section);
    }

    private static BigDecimal decimal(CharSequence digits) {
        try {
            return new BigDecimal(digits.toString());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static long smallUnit(char c) {
        switch (c) {
            case '十': return 10;
            case '百': return 100;
            case '千': return 1000;
            default: return 0;
        }
    }
}
