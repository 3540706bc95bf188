package dev.contractgate.analysis;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.List;

/**
 * Phone numbers, Japanese and international, however they are spaced or spelled (the normalised text already
 * has kanji and spoken digits as digits). A cheap scan finds runs of 10 to 15 digits first; only those reach
 * libphonenumber, which is slow. Dates, versions and product codes fail its validation; numbers right after
 * "例" or "format" are examples.
 */
final class PhoneDetector {
    static final String RULE = "contact.phone";
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final int MIN_DIGITS = 10;
    private static final int MAX_DIGITS = 15;

    private PhoneDetector() {
    }

    static void find(Message message, int sample, int intro, List<Finding> findings) {
        String text = message.text;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            boolean plus = c == '+' && i + 1 < text.length() && isDigit(text.charAt(i + 1));
            if (!plus && !isDigit(c) || i > 0 && isAsciiLetterOrDigit(text.charAt(i - 1))) {
                i++;
                continue;
            }
            int start = i;
            StringBuilder digits = new StringBuilder(16);
            int k = plus ? i + 1 : i;
            int end = k;
            // where each group of digits ends, and how many digits there are by then
            java.util.List<int[]> groups = new java.util.ArrayList<>(4);
            while (k < text.length()) {
                if (isDigit(text.charAt(k))) {
                    digits.append(text.charAt(k));
                    k++;
                    end = k;
                    continue;
                }
                groups.add(new int[] {end, digits.length()});
                int gap = 0;
                while (k < text.length() && gap < 3 && isSeparator(text.charAt(k))) {
                    k++;
                    gap++;
                }
                if (gap == 0 || k >= text.length() || !isDigit(text.charAt(k))) {
                    break;
                }
            }
            if (!strictlyValid(plus, digits)) {
                // "090-1234-5678、5万円で": a valid number that ends where a group ends is the number, not the run
                for (int g = groups.size() - 1; g >= 0; g--) {
                    int count = groups.get(g)[1];
                    if (count >= MIN_DIGITS && strictlyValid(plus, digits.subSequence(0, count))) {
                        end = groups.get(g)[0];
                        digits.setLength(count);
                        break;
                    }
                }
            }
            i = Math.max(end, start + 1);
            if (digits.length() < MIN_DIGITS || digits.length() > MAX_DIGITS
                    || end < text.length() && isAsciiLetterOrDigit(text.charAt(end))
                    || !plus && digits.charAt(0) != '0'
                    || isSample(message, sample, start) || isPlaceholder(digits)
                    || !valid(plus ? "+" + digits : digits.toString(), plus,
                            obfuscated(message, start, end) || introduced(message, intro, start, end))) {
                continue;
            }
            findings.add(message.finding(Label.CONTACT_EXCHANGE, RULE, start, end, null));
        }
    }

    /** 090-0000-0000: nothing but zeros after the area code is a placeholder, not somebody's number. */
    private static boolean isPlaceholder(CharSequence digits) {
        for (int i = 3; i < digits.length(); i++) {
            if (digits.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }

    private static boolean isSample(Message message, int sample, int start) {
        int from = Math.max(message.sentenceStart(start), start - 15);
        return message.hasContext(sample, from, start);
    }

    /** A number in a sentence that says it is a phone number or asks to be called on it ("電話番号は…です"). */
    private static boolean introduced(Message message, int intro, int start, int end) {
        return message.hasContext(intro, message.sentenceStart(start), start)
                || message.hasContext(intro, end, message.sentenceEnd(Math.max(start, end - 1)));
    }

    /**
     * A number someone spelled out or spaced digit by digit is a contact detail even when its range is not
     * allocated (people change a digit or two); plain digits must be a valid number, which dates and codes are not.
     */
    private static boolean obfuscated(Message message, int start, int end) {
        int[] span = message.normalized.originalSpan(start, end);
        int spaced = 0;
        for (int i = span[0]; i < span[1]; i++) {
            char c = message.original.charAt(i);
            if (c > 0x7f && c != 'ー' && c != '－' && c != '（' && c != '）') {
                return true;
            }
            if (c == ' ' || c == '-') {
                spaced++;
            }
        }
        return spaced >= 6;
    }

    private static boolean strictlyValid(boolean plus, CharSequence digits) {
        return digits.length() >= MIN_DIGITS && digits.length() <= MAX_DIGITS && valid((plus ? "+" : "") + digits, plus, false);
    }

    private static boolean valid(String number, boolean international, boolean obfuscated) {
        try {
            var parsed = PHONES.parse(number, international ? "ZZ" : "JP");
            return PHONES.isValidNumber(parsed) || obfuscated && PHONES.isPossibleNumber(parsed);
        } catch (NumberParseException e) {
            return false;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return TextNormalizer.isAsciiAlnum(c);
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '-' || c == '.' || c == 'ー' || c == 'ノ' || c == '、' || c == '(' || c == ')'
                || c == '・' || c == '~';
    }
}
