package dev.contractgate.analysis;

import java.util.List;

/**
 * Masks aliases that are also ordinary words where they are not meant as the service: an ASCII word such as
 * "line" counts only written in capitals, capitalised inside a sentence, or touching Japanese text; a katakana
 * word such as ライン counts only when no katakana touches it in the original (ガイドライン, ラインナップ).
 */
final class AmbiguousWords {
    private static final char MASK = '~';

    private AmbiguousWords() {
    }

    static String mask(String original, MappedText normalized, Lexicon lexicon) {
        String text = normalized.text;
        char[] masked = null;
        for (String word : lexicon.caseSensitiveWords) {
            int at = text.indexOf(word);
            while (at >= 0) {
                int end = at + word.length();
                boolean whole = (at == 0 || !TextNormalizer.isAsciiAlnum(text.charAt(at - 1)))
                        && (end == text.length() || !TextNormalizer.isAsciiAlnum(text.charAt(end)));
                if (whole && !inAddress(text, at, end) && !meantAsName(original, normalized, at, end)) {
                    masked = fill(masked, text, at, end);
                }
                at = text.indexOf(word, at + 1);
            }
        }
        for (String word : lexicon.katakanaWords) {
            int at = text.indexOf(word);
            while (at >= 0) {
                int end = at + word.length();
                if (insideLongerAlias(text, lexicon, at, end)) {
                    at = text.indexOf(word, at + 1);
                    continue;
                }
                int originalStart = normalized.originalStart(at);
                int originalEnd = normalized.originalEnd(end - 1);
                if (originalStart > 0 && isKatakana(original.charAt(originalStart - 1))
                        || originalEnd < original.length() && isKatakana(original.charAt(originalEnd))) {
                    masked = fill(masked, text, at, end);
                }
                at = text.indexOf(word, at + 1);
            }
        }
        return masked == null ? text : new String(masked);
    }

    /** zoom in zoom.us/j/… is a link, which the link rule judges. */
    private static boolean inAddress(String text, int start, int end) {
        return end < text.length() && text.charAt(end) == '.' && end + 1 < text.length()
                && TextNormalizer.isAsciiAlnum(text.charAt(end + 1))
                || start > 0 && (text.charAt(start - 1) == '.' || text.charAt(start - 1) == '/');
    }

    /** カカオ inside カカオトーク is the longer alias, not a katakana word touching another. */
    private static boolean insideLongerAlias(String text, Lexicon lexicon, int start, int end) {
        String word = text.substring(start, end);
        for (String longer : lexicon.longerAliases.getOrDefault(word, List.of())) {
            int offset = longer.indexOf(word);
            while (offset >= 0) {
                if (start - offset >= 0 && text.startsWith(longer, start - offset)) {
                    return true;
                }
                offset = longer.indexOf(word, offset + 1);
            }
        }
        return false;
    }

    private static boolean meantAsName(String original, MappedText normalized, int start, int end) {
        if (touchesJapanese(normalized.text, start, end)) {
            return true;
        }
        int[] span = normalized.originalSpan(start, end);
        boolean allUpper = true;
        boolean firstUpper = false;
        boolean first = true;
        for (int i = span[0]; i < span[1]; i++) {
            char c = original.charAt(i);
            if (Character.isLetter(c)) {
                allUpper &= Character.isUpperCase(c);
                if (first) {
                    firstUpper = Character.isUpperCase(c);
                    first = false;
                }
            }
        }
        if (allUpper) {
            return true;
        }
        if (!firstUpper) {
            return false;
        }
        for (int i = span[0] - 1; i >= 0; i--) {
            char c = original.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c != '.' && c != '!' && c != '?' && c != '。' && c != '"' && c != ']';
            }
        }
        return false;
    }

    private static boolean touchesJapanese(String text, int start, int end) {
        int before = start - 1;
        while (before >= 0 && text.charAt(before) == ' ') {
            before--;
        }
        int after = end;
        while (after < text.length() && text.charAt(after) == ' ') {
            after++;
        }
        return before >= 0 && isJapanese(text.charAt(before)) || after < text.length() && isJapanese(text.charAt(after));
    }

    static boolean isJapanese(char c) {
        return c >= '\u3040' && c <= '\u30ff' || c >= '\u4e00' && c <= '\u9fff' || c >= '\u3400' && c <= '\u4dbf';
    }

    private static boolean isKatakana(char c) {
        return c >= '\u30a1' && c <= '\u30fa' || c == '\u30fc' || c >= '\uff66' && c <= '\uff9f';
    }

    private static char[] fill(char[] masked, String text, int from, int to) {
        char[] chars = masked == null ? text.toCharArray() : masked;
        java.util.Arrays.fill(chars, from, to, MASK);
        return chars;
    }
}
