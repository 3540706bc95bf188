package dev.contractgate.analysis;

/**
 * What a reply quotes of a matched passage: the clause around it, never half a word. A clause ends at sentence or
 * clause punctuation, brackets or a line break; a clause longer than {@link #MAX} chars is trimmed around the match
 * to word edges, with an ellipsis where something was left out. Japanese has no spaces, so a word edge there is
 * where the script changes (kana to kanji, katakana or Latin; the end of a run of hiragana, where particles and
 * endings stop): enough for the edges of a quote, without a dictionary.
 */
public final class Quotes {
    /** The longest quote, in chars. */
    public static final int MAX = 40;
    private static final String CLAUSE_ENDS = "。．！？!?、，,;；「」『』（）()【】[]\n\r";
    private static final String ELLIPSIS = "…";

    private Quotes() {
    }

    /** The clause of {@code text} around {@code [start, end)}, as a reply quotes it. */
    public static String clause(String text, int start, int end) {
        start = Math.max(0, Math.min(start, text.length()));
        end = Math.max(start, Math.min(end, text.length()));
        int from = start;
        while (from > 0 && !clauseEnd(text, from - 1)) {
            from--;
        }
        int to = end;
        while (to < text.length() && !clauseEnd(text, to)) {
            to++;
        }
        // A sentence's own "." ends it only before a space or the end; inside a URL or a number it does not.
        int matchStart = Math.max(from, Math.min(start, to));
        int matchEnd = Math.max(matchStart, Math.min(end, to));
        String left = "";
        String right = "";
        if (to - from > MAX) {
            int room = Math.max(0, MAX - (matchEnd - matchStart));
            int wantFrom = Math.max(from, matchStart - room / 2);
            int wantTo = Math.min(to, matchEnd + (room - (matchStart - wantFrom)));
            int cutFrom = wantFrom;
            while (cutFrom < matchStart && !wordEdge(text, cutFrom)) {
                cutFrom++;
            }
            int cutTo = wantTo;
            while (cutTo > matchEnd && !wordEdge(text, cutTo)) {
                cutTo--;
            }
            // The match itself may end inside a word (a rule's stem: 「直接契約し」): finish the word.
            while (cutTo < to && !wordEdge(text, cutTo)) {
                cutTo++;
            }
            while (cutFrom > from && !wordEdge(text, cutFrom)) {
                cutFrom--;
            }
            left = cutFrom > from ? ELLIPSIS : "";
            right = cutTo < to ? ELLIPSIS : "";
            from = cutFrom;
            to = cutTo;
        }
        String quoted = text.substring(from, to).strip();
        return quoted.isEmpty() ? text.substring(start, end) : left + quoted + right;
    }

    private static boolean clauseEnd(String text, int i) {
        char c = text.charAt(i);
        if ((c == ',' || c == '，' || c == '.') && i > 0 && i + 1 < text.length()
                && Character.isDigit(text.charAt(i - 1)) && Character.isDigit(text.charAt(i + 1))) {
            return false; // 3,000円, 1.5倍
        }
        if (c == '.') {
            return i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1));
        }
        return CLAUSE_ENDS.indexOf(c) >= 0;
    }

    /** Whether a quote may begin or end between {@code text[i-1]} and {@code text[i]}. */
    static boolean wordEdge(String text, int i) {
        if (i <= 0 || i >= text.length()) {
            return true;
        }
        char before = text.charAt(i - 1);
        char after = text.charAt(i);
        if (Character.isHighSurrogate(before)) {
            return false;
        }
        if (Character.isWhitespace(before) || Character.isWhitespace(after) || clauseEnd(text, i - 1) || clauseEnd(text, i)) {
            return true;
        }
        Script left = Script.of(before);
        Script right = Script.of(after);
        if (left == Script.LATIN && right == Script.LATIN) {
            return false;
        }
        // Hiragana after kanji is the word's ending (早|い): no edge there; the end of a hiragana run is one.
        return left == Script.HIRAGANA ? right != Script.HIRAGANA : left != right && right != Script.HIRAGANA
                && !(after == 'ー' && left == Script.KATAKANA);
    }

    private enum Script {
        HIRAGANA, KATAKANA, KANJI, LATIN, OTHER;

        static Script of(char c) {
            if (c >= '\u3041' && c <= '\u309f') {
                return HIRAGANA;
            }
            if (c >= '\u30a0' && c <= '\u30ff' || c >= '\uff66' && c <= '\uff9f') {
                return KATAKANA;
            }
            if (c >= '\u4e00' && c <= '\u9fff' || c == '々' || c >= '\u3400' && c <= '\u4dbf') {
                return KANJI;
            }
            if (Character.isLetterOrDigit(c)) {
                return LATIN;
            }
            return OTHER;
        }
    }
}
