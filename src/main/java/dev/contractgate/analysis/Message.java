package dev.contractgate.analysis;

import java.time.LocalDate;
import java.util.List;

/** One message being analysed: the original, its normalised form, its sentences. */
final class Message {
    final String original;
    final MappedText normalized;
    /** The normalised text with words that are not meant as a channel here (the red line, オンライン) masked. */
    final String text;
    final LocalDate referenceDate;
    /** Where the lexicon's patterns may match, in {@link #text}. */
    final PatternIndex.Scan scan;
    /** The normalised text with nothing masked: what rules that name no channel read. */
    final String plainText;
    /** Where the lexicon's patterns may match in {@link #plainText} (the same scan when nothing was masked). */
    final PatternIndex.Scan plainScan;
    private final java.util.Map<Integer, List<int[]>> matches = new java.util.HashMap<>();
    private final int[] sentenceOf;
    private final int[] sentenceStarts;
    private final int[] sentenceEnds;

    /** @param notOwnWords the chars that are not the sender's own words, or null when all are */
    Message(String original, java.util.BitSet notOwnWords, Lexicon lexicon, LocalDate referenceDate) {
        this.original = original;
        this.normalized = TextNormalizer.normalize(original, notOwnWords);
        this.text = AmbiguousWords.mask(original, normalized, lexicon);
        this.referenceDate = referenceDate;
        this.scan = lexicon.index.scan(text);
        this.plainText = normalized.text;
        this.plainScan = text.equals(plainText) ? scan : lexicon.index.scan(plainText);
        int length = text.length();
        sentenceOf = new int[length];
        int count = 0;
        for (int i = 0; i < length; i++) {
            sentenceOf[i] = count;
            if (endsSentence(i)) {
                count++;
            }
        }
        count++;
        sentenceStarts = new int[count];
        sentenceEnds = new int[count];
        java.util.Arrays.fill(sentenceStarts, -1);
        for (int i = 0; i < length; i++) {
            int sentence = sentenceOf[i];
            if (sentenceStarts[sentence] < 0) {
                sentenceStarts[sentence] = i;
            }
            sentenceEnds[sentence] = i + 1;
        }
    }

    /** The text a rule reads: masked ambiguous words for a rule that names channels, else the plain text. */
    PatternIndex.Scan scanFor(PatternRule rule) {
        return rule.readsChannels() ? scan : plainScan;
    }

    /** The sentence that holds the original offset {@code offset}. */
    int sentenceAtOriginal(int offset) {
        int low = 0;
        int high = normalized.length() - 1;
        int found = 0;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (normalized.originalStart(mid) <= offset) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return sentenceOf(found);
    }

    /** The first normalised char that stands for the original offset {@code offset} or a later one. */
    int normalizedIndexOf(int offset) {
        int low = 0;
        int high = normalized.length();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (normalized.originalStart(mid) < offset) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return Math.min(low, Math.max(0, normalized.length() - 1));
    }

    /** The matches of the index entry {@code entry} in the normalised text, found once. */
    List<int[]> matches(int entry) {
        return matches.computeIfAbsent(entry, scan::matches);
    }

    /** Whether a match of the context pattern {@code entry} starts in {@code [from, to)} of the normalised text. */
    boolean hasContext(int entry, int from, int to) {
        for (int[] match : matches(entry)) {
            if (match[0] >= from && match[0] < to) {
                return true;
            }
        }
        return false;
    }

    /** Whether sentence {@code id} holds a match of the context pattern {@code entry}. */
    boolean sentenceHas(int entry, int id) {
        return sentenceStarts[id] >= 0 && hasContext(entry, sentenceStarts[id], sentenceEnds[id]);
    }

    private boolean endsSentence(int i) {
        char c = text.charAt(i);
        if (c == '。' || c == '!' || c == '?' || c == TextNormalizer.BREAK) {
            return true;
        }
        return c == '.' && (i + 1 == text.length() || text.charAt(i + 1) == ' ');
    }

    int sentenceOf(int index) {
        return sentenceOf.length == 0 ? 0 : sentenceOf[Math.min(index, sentenceOf.length - 1)];
    }

    int sentenceStart(int index) {
        return Math.max(0, sentenceStarts[sentenceOf(index)]);
    }

    int sentenceEnd(int index) {
        return sentenceEnds[sentenceOf(index)];
    }

    /** A finding over the normalised chars {@code [start, end)}, with the original span and text. */
    Finding finding(Label label, String rule, int start, int end, Term term) {
        int[] span = normalized.originalSpan(start, end);
        return new Finding(label, rule, span[0], span[1], original.substring(span[0], span[1]), term);
    }
}
