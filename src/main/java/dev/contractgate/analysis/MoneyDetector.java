package dev.contractgate.analysis;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Amounts (5万円, ¥120,000, 四万五千円, $800, 1,200 USD, 500ドル) and rates (時給1500円, 60 USD per hour). The
 * currency words and rate units come from the lexicon; the numbers are read here.
 */
final class MoneyDetector {
    static final String AMOUNT_RULE = "negotiation.amount";
    static final String RATE_RULE = "negotiation.rate";
    /** How many chars may stand between a unit word and the amount after it. */
    private static final int GAP = 4;

    private MoneyDetector() {
    }

    static void find(Message message, Lexicon lexicon, List<Finding> findings) {
        if (!message.scan.possible(lexicon.yenWords) && !message.scan.possible(lexicon.usdWords)
                && message.text.indexOf('¥') < 0) {
            return;
        }
        String text = message.text;
        int[] yen = endsByStart(message.matches(lexicon.yenWords), text.length());
        int[] usd = endsByStart(message.matches(lexicon.usdWords), text.length());
        int lastEnd = 0;
        for (int i = 0; i < text.length(); i++) {
            if (i < lastEnd) {
                continue;
            }
            int[] amount = numberThenCurrency(text, i, yen, usd);
            if (amount == null) {
                amount = currencyThenNumber(text, i, usd);
            }
            if (amount == null) {
                continue;
            }
            lastEnd = amount[1];
            BigDecimal value = Numerals.parse(text.substring(amount[2], amount[3]));
            if (value == null || value.signum() <= 0) {
                continue;
            }
            add(message, lexicon, findings, amount[0], amount[1], plain(value), amount[4] == 1 ? "USD" : "JPY");
        }
    }

    /** {@code [start, end, numberStart, numberEnd, usd?1:0]} of "5万円", "1,200 USD" starting at i, or null. */
    private static int[] numberThenCurrency(String text, int i, int[] yen, int[] usd) {
        if (!startsNumber(text, i)) {
            return null;
        }
        int end = i;
        while (end < text.length() && isNumberChar(text.charAt(end))) {
            end++;
        }
        int numberEnd = end;
        while (numberEnd > i && (text.charAt(numberEnd - 1) == ',' || text.charAt(numberEnd - 1) == '.')) {
            numberEnd--;
        }
        int currencyEnd = startingAt(text, yen, numberEnd);
        int kind = 0;
        if (currencyEnd < 0) {
            currencyEnd = startingAt(text, usd, numberEnd);
            kind = 1;
        }
        return currencyEnd < 0 ? null : new int[] {i, currencyEnd, i, numberEnd, kind};
    }

    /** "$800", "¥120,000", "USD 500", "$1.5万" starting at i, or null. */
    private static int[] currencyThenNumber(String text, int i, int[] usd) {
        int numberStart;
        int kind;
        if (text.charAt(i) == '¥') {
            numberStart = i + 1;
            kind = 0;
        } else {
            if (usd[i] < 0) {
                return null;
            }
            numberStart = usd[i];
            kind = 1;
        }
        if (numberStart < text.length() && text.charAt(numberStart) == ' ') {
            numberStart++;
        }
        int end = numberStart;
        while (end < text.length() && (isDigit(text.charAt(end)) || text.charAt(end) == ',' || text.charAt(end) == '.')) {
            end++;
        }
        while (end > numberStart && (text.charAt(end - 1) == ',' || text.charAt(end - 1) == '.')) {
            end--;
        }
        if (end == numberStart || !isDigit(text.charAt(numberStart))) {
            return null;
        }
        if (end < text.length() && (text.charAt(end) == '万' || text.charAt(end) == '千')) {
            end++;
        }
        return new int[] {i, end, numberStart, end, kind};
    }

    /** End of the currency word right after the number, or after one space; -1 when there is none. */
    private static int startingAt(String text, int[] endsByStart, int position) {
        if (position < text.length() && endsByStart[position] >= 0) {
            return endsByStart[position];
        }
        return position + 1 < text.length() && text.charAt(position) == ' ' ? endsByStart[position + 1] : -1;
    }

    /** For each position, the end of the match starting there, or -1. */
    private static int[] endsByStart(List<int[]> matches, int length) {
        int[] ends = new int[length + 1];
        java.util.Arrays.fill(ends, -1);
        for (int[] match : matches) {
            ends[match[0]] = match[1];
        }
        return ends;
    }

    private static boolean startsNumber(String text, int i) {
        char c = text.charAt(i);
        if (!(isDigit(c) || Numerals.kanjiDigit(c) >= 0 || c == '十')) {
            return false;
        }
        return i == 0 || !isNumberChar(text.charAt(i - 1));
    }

    private static boolean isNumberChar(char c) {
        return isDigit(c) || Numerals.kanjiDigit(c) >= 0 || c == ',' || c == '.' || c == '十' || c == '百' || c == '千'
                || c == '万' || c == '億';
    }

    private static void add(Message message, Lexicon lexicon, List<Finding> findings, int start, int end, String amount,
            String currency) {
        for (Map.Entry<String, Integer> rate : lexicon.rateUnits.entrySet()) {
            int unitStart = unitBefore(message, message.matches(rate.getValue()), start);
            if (unitStart >= 0 || unitAfter(message, message.matches(rate.getValue()), end)) {
                findings.add(message.finding(Label.NEGOTIATION, RATE_RULE, unitStart >= 0 ? unitStart : start, end,
                        new Term(TermType.RATE, amount + " " + currency + "/" + rate.getKey())));
                return;
            }
        }
        findings.add(message.finding(Label.NEGOTIATION, AMOUNT_RULE, start, end,
                new Term(TermType.AMOUNT, currency.equals("JPY") ? amount : "USD " + amount)));
    }

    /** Start of a unit word ending at most a few non-digit chars before the amount (時給1500円, 月額固定で8万円), or -1. */
    private static int unitBefore(Message message, List<int[]> units, int amountStart) {
        String text = message.text;
        for (int[] unit : units) {
            if (unit[1] > amountStart || amountStart - unit[1] > GAP
                    || message.sentenceOf(unit[0]) != message.sentenceOf(amountStart)
                    || unit[0] > 0 && isDigit(text.charAt(unit[0] - 1))) {
                continue;
            }
            boolean clean = true;
            for (int i = unit[1]; i < amountStart; i++) {
                clean &= !isDigit(text.charAt(i));
            }
            if (clean) {
                return unit[0];
            }
        }
        return -1;
    }

    /** Whether a unit word follows the amount directly (60 USD per hour, 3万円/月). */
    private static boolean unitAfter(Message message, List<int[]> units, int amountEnd) {
        for (int[] unit : units) {
            if (unit[0] == amountEnd || unit[0] == amountEnd + 1 && message.text.charAt(amountEnd) == ' ') {
                return true;
            }
        }
        return false;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() <= 0 ? stripped.toBigInteger().toString() : stripped.toPlainString();
    }
}
