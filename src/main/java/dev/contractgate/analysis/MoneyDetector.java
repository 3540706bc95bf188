package dev.contractgate.analysis;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Amounts (円, 万円, ¥, $, USD, ドル, also in kanji) and rates (時給1500円, 60 USD per hour). */
final class MoneyDetector {
    static final String AMOUNT_RULE = "negotiation.amount";
    static final String RATE_RULE = "negotiation.rate";
    private static final int WINDOW = 12;

    private MoneyDetector() {
    }

    static void find(Message message, Lexicon lexicon, List<Finding> findings) {
        String text = message.text;
        if (!mayHaveMoney(text)) {
            return;
        }
        Matcher matcher = lexicon.amount.matcher(text);
        while (matcher.find()) {
            String currency;
            String number;
            if (matcher.group(2) != null) {
                currency = matcher.group(1).equals("¥") ? "JPY" : "USD";
                number = matcher.group(2) + (matcher.group(3) == null ? "" : matcher.group(3));
            } else if (matcher.group(4) != null) {
                currency = "JPY";
                number = matcher.group(4);
            } else {
                currency = "USD";
                number = matcher.group(6);
            }
            BigDecimal value = Numerals.parse(trimPunctuation(number));
            if (value == null || value.signum() <= 0) {
                continue;
            }
            String amount = plain(value);
            int start = matcher.start();
            int end = matcher.end();
            int rateStart = -1;
            String unit = null;
            for (Map.Entry<String, Pattern[]> rate : lexicon.rateUnits.entrySet()) {
                int from = Math.max(message.sentenceStart(start), start - WINDOW);
                Matcher before = rate.getValue()[0].matcher(text.substring(from, start));
                if (before.find()) {
                    unit = rate.getKey();
                    rateStart = from + before.start();
                    while (rateStart < start && !Character.isLetterOrDigit(text.charAt(rateStart))) {
                        rateStart++;
                    }
                    break;
                }
                int to = Math.min(message.sentenceEnd(start), end + WINDOW);
                if (end < to && rate.getValue()[1].matcher(text.substring(end, to)).find()) {
                    unit = rate.getKey();
                    rateStart = start;
                    break;
                }
            }
            if (unit != null) {
                findings.add(message.finding(Label.NEGOTIATION, RATE_RULE, rateStart, end,
                        new Term(TermType.RATE, amount + " " + currency + "/" + unit)));
            } else {
                findings.add(message.finding(Label.NEGOTIATION, AMOUNT_RULE, start, end,
                        new Term(TermType.AMOUNT, currency.equals("JPY") ? amount : "USD " + amount)));
            }
        }
    }

    /** Money needs a currency word or sign; most messages have none. */
    private static boolean mayHaveMoney(String text) {
        return text.indexOf('円') >= 0 || text.indexOf('$') >= 0 || text.indexOf('¥') >= 0 || text.contains("ドル")
                || text.contains("usd") || text.contains("yen") || text.contains("jpy") || text.contains("dollar");
    }

    private static String trimPunctuation(String number) {
        int end = number.length();
        while (end > 0 && (number.charAt(end - 1) == ',' || number.charAt(end - 1) == '.')) {
            end--;
        }
        return number.substring(0, end);
    }

    private static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() <= 0 ? stripped.toBigInteger().toString() : stripped.toPlainString();
    }
}
