package dev.contractgate.analysis;

import java.util.Arrays;

/** A derived text that remembers, for each of its chars, the span of the original message it came from. */
final class MappedText {
    final String text;
    private final int[] starts;
    private final int[] ends;

    private MappedText(String text, int[] starts, int[] ends) {
        this.text = text;
        this.starts = starts;
        this.ends = ends;
    }

    int length() {
        return text.length();
    }

    char charAt(int index) {
        return text.charAt(index);
    }

    /** Original offset where the char at {@code index} starts. */
    int originalStart(int index) {
        return starts[index];
    }

    /** Original offset where the char at {@code index} ends. */
    int originalEnd(int index) {
        return ends[index];
    }

    /** The original span {@code [start, end)} of the derived chars {@code [from, to)}, {@code to > from}. */
    int[] originalSpan(int from, int to) {
        int start = Integer.MAX_VALUE;
        int end = 0;
        for (int i = from; i < to; i++) {
            start = Math.min(start, starts[i]);
            end = Math.max(end, ends[i]);
        }
        return new int[] {start, end};
    }

    /** Builds a text derived from another one, char by char, each char naming the original span it stands for. */
    static final class Builder {
        private final StringBuilder text;
        private int[] starts;
        private int[] ends;

        Builder(int capacity) {
            int size = Math.max(16, capacity);
            text = new StringBuilder(size);
            starts = new int[size];
            ends = new int[size];
        }

        Builder append(char c, int originalStart, int originalEnd) {
            int index = text.length();
            if (index == starts.length) {
                starts = Arrays.copyOf(starts, index * 2);
                ends = Arrays.copyOf(ends, index * 2);
            }
            text.append(c);
            starts[index] = originalStart;
            ends[index] = originalEnd;
            return this;
        }

        /** Appends char {@code index} of {@code source}, keeping its mapping. */
        Builder copy(MappedText source, int index) {
            return append(source.charAt(index), source.originalStart(index), source.originalEnd(index));
        }

        /** Appends {@code c} standing for the source chars {@code [from, to)}. */
        Builder replace(char c, MappedText source, int from, int to) {
            return append(c, source.originalStart(from), source.originalEnd(to - 1));
        }

        int length() {
            return text.length();
        }

        /** Removes trailing spaces that were appended. */
        void dropTrailingSpaces() {
            while (text.length() > 0 && text.charAt(text.length() - 1) == ' ') {
                text.setLength(text.length() - 1);
            }
        }

        MappedText build() {
            int length = text.length();
            return new MappedText(text.toString(), Arrays.copyOf(starts, length), Arrays.copyOf(ends, length));
        }
    }
}
