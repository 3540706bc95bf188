package dev.contractgate.analysis;

import com.ibm.icu.text.Normalizer2;
import java.util.BitSet;

/**
 * Turns a message into the text the detectors read, keeping a map back to the original offsets: the parts that
 * are not the sender's own words (the channel says which: markup, quotes, code) hidden, NFKC with case folding (full-width to ASCII, half-width katakana to full-width, zero-width and
 * other ignorable characters removed), hiragana folded to katakana, kanji and spoken numerals in number-like runs
 * turned into digits, and characters spaced or hyphenated one by one joined ({@code L I N E}, {@code 0-9-0}).
 */
final class TextNormalizer {
    private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();
    /** Stands for a hidden part of the message (notation, quote, code): a hard break for every detector. */
    static final char BREAK = '\n';

    private TextNormalizer() {
    }

    static MappedText normalize(String original) {
        return normalize(original, null);
    }

    /** @param hidden the chars that are not the sender's own words, or null when all are */
    static MappedText normalize(String original, BitSet hidden) {
        MappedText folded = fold(original, hidden == null || hidden.isEmpty() ? null : hidden);
        return joinSpacedCharacters(Numerals.spelledOutToDigits(folded));
    }

    /** Hides what is not the sender's, applies NFKC case folding and folds hiragana to katakana, segment by segment. */
    static MappedText fold(String original, BitSet hidden) {
        int length = original.length();
        MappedText.Builder out = new MappedText.Builder(length);
        int i = 0;
        while (i < length) {
            if (hidden != null && hidden.get(i)) {
                int end = i;
                while (end < length && hidden.get(end)) {
                    end++;
                }
                out.append(BREAK, i, end);
                i = end;
                continue;
            }
            char c = original.charAt(i);
            if (c < 0x80) {
                appendAscii(out, c, i);
                i++;
                continue;
            }
            if (isStable(c) && (i + 1 == length || !isCombiningKanaMark(original.charAt(i + 1)))) {
                out.append(foldChar(c), i, i + 1);
                i++;
                continue;
            }
            if (c >= '\uff01' && c <= '\uff5e') {
                appendAscii(out, (char) (c - 0xfee0), i);
                i++;
                continue;
            }
            int end = i + Character.charCount(original.codePointAt(i));
            while (end < length && (hidden == null || !hidden.get(end))
                    && !NFKC_CASEFOLD.hasBoundaryBefore(original.codePointAt(end))) {
                end += Character.charCount(original.codePointAt(end));
            }
            if (end == i + 1 && NFKC_CASEFOLD.isInert(c)) {
                out.append(foldChar(c), i, end);
            } else {
                String normalized = NFKC_CASEFOLD.normalize(original.substring(i, end));
                for (int k = 0; k < normalized.length(); k++) {
                    out.append(foldChar(normalized.charAt(k)), i, end);
                }
            }
            i = end;
        }
        return out.build();
    }

    /**
     * Kana, kanji and Japanese punctuation that NFKC with case folding leaves as they are (a fast path: most
     * characters of a Japanese message), unless a combining sound mark follows.
     */
    private static boolean isStable(char c) {
        return c >= '\u3041' && c <= '\u3096' || c >= '\u30a1' && c <= '\u30fa' || c == '\u30fc'
                || c >= '\u4e00' && c <= '\u9fff' || c >= '\u3001' && c <= '\u3002' || c >= '\u300c' && c <= '\u300f';
    }

    private static boolean isCombiningKanaMark(char c) {
        return c == '\u3099' || c == '\u309a' || c == '\uff9e' || c == '\uff9f';
    }

    private static void appendAscii(MappedText.Builder out, char c, int index) {
        if (c >= 'A' && c <= 'Z') {
            out.append((char) (c + 32), index, index + 1);
        } else if (c == '\r' || c == '\n') {
            out.append(BREAK, index, index + 1);
        } else if (c == '\t') {
            out.append(' ', index, index + 1);
        } else if (c >= 0x20 && c != 0x7f) {
            out.append(c, index, index + 1);
        }
    }

    /** Hiragana to katakana, and the dash look-alikes to an ASCII hyphen. */
    static char foldChar(char c) {
        if (c >= '\u3041' && c <= '\u3096' || c == '\u309d' || c == '\u309e') {
            return (char) (c + 0x60);
        }
        switch (c) {
            case '\u2010': case '\u2011': case '\u2012': case '\u2013': case '\u2014': case '\u2015':
            case '\u2212': case '\ufe63':
                return '-';
            default:
                return c;
        }
    }

    /**
     * Joins characters that people space or hyphen one by one to get past filters: at least three single
     * letters or digits, each standing alone, with one to three separators between them.
     */
    static MappedText joinSpacedCharacters(MappedText in) {
        int length = in.length();
        MappedText.Builder out = null;
        int copied = 0;
        int i = 0;
        while (i < length) {
            if (!isSingle(in, i)) {
                i++;
                continue;
            }
            int last = i;
            int count = 1;
            int k = i + 1;
            while (true) {
                int gap = 0;
                while (k < length && gap < 3 && isSpacer(in.charAt(k))) {
                    k++;
                    gap++;
                }
                if (gap >= 1 && k < length && isSingle(in, k)) {
                    count++;
                    last = k;
                    k++;
                } else {
                    break;
                }
            }
            if (count >= 3) {
                if (out == null) {
                    out = new MappedText.Builder(length);
                }
                for (int c = copied; c < i; c++) {
                    out.copy(in, c);
                }
                for (int c = i; c <= last; c++) {
                    if (!isSpacer(in.charAt(c))) {
                        out.copy(in, c);
                    }
                }
                copied = last + 1;
                i = last + 1;
            } else {
                i++;
            }
        }
        if (out == null) {
            return in;
        }
        for (int c = copied; c < length; c++) {
            out.copy(in, c);
        }
        return out.build();
    }

    private static boolean isSingle(MappedText text, int index) {
        return isAsciiAlnum(text.charAt(index))
                && (index == 0 || !isAsciiAlnum(text.charAt(index - 1)))
                && (index + 1 == text.length() || !isAsciiAlnum(text.charAt(index + 1)));
    }

    static boolean isAsciiAlnum(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z';
    }

    private static boolean isSpacer(char c) {
        return c == ' ' || c == '-' || c == '.' || c == '・' || c == '_' || c == '|';
    }
}
