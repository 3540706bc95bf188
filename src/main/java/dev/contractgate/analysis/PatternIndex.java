package dev.contractgate.analysis;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Runs many RE2 patterns over a message fast. RE2/J has no DFA: a search steps every state of the pattern at
 * every character, which is slow for the long alternations of a lexicon. So one Aho-Corasick pass does most of
 * the work: a pattern that is a finite set of phrases (most lists are) is matched by it outright; for the others
 * it tells whether a literal that every match must contain occurs at all, and where a literal that every match
 * starts with occurs, and RE2/J runs anchored at those places only (unanchored only for patterns whose matches
 * can start with anything). Read-only after construction: thread-safe.
 */
final class PatternIndex {
    /** How far an anchored match may reach from where it starts. */
    static final int WINDOW = 240;

    private static final int REQUIRED = 0;
    private static final int PREFIX = 1;
    private static final int PHRASE = 2;

    private final List<Entry> entries = new ArrayList<>();
    private final KeywordIndex keywords;
    private final int[] keywordEntry;
    private final int[] keywordKind;
    /** For phrases: where in the phrase \\b, ^ or $ must hold, as offset * 4 + kind; null when none. */
    private final int[][] keywordAsserts;

    private record Entry(Pattern pattern, Pattern atStart, Pattern afterOne, boolean anchored, boolean filtered,
            boolean phrases) {
    }

    private static final int BOUNDARY = 1;
    private static final int AT_START = 2;
    private static final int AT_END = 3;

    PatternIndex(List<Pattern> patterns) {
        List<String> words = new ArrayList<>();
        List<int[]> owners = new ArrayList<>();
        List<int[]> asserts = new ArrayList<>();
        for (int i = 0; i < patterns.size(); i++) {
            Pattern pattern = patterns.get(i);
            String regex = pattern.pattern();
            Set<String> phrases = RequiredLiterals.exact(regex);
            if (phrases != null) {
                for (String phrase : phrases) {
                    words.add(bare(phrase));
                    owners.add(new int[] {i, PHRASE});
                    asserts.add(assertions(phrase));
                }
                entries.add(new Entry(pattern, null, null, false, true, true));
                continue;
            }
            Set<String> required = RequiredLiterals.of(regex);
            Set<String> prefixes = RequiredLiterals.prefixes(regex);
            if (required != null) {
                for (String word : required) {
                    words.add(word);
                    owners.add(new int[] {i, REQUIRED});
                    asserts.add(null);
                }
            }
            if (prefixes != null) {
                for (String word : prefixes) {
                    words.add(word);
                    owners.add(new int[] {i, PREFIX});
                    asserts.add(null);
                }
            }
            entries.add(new Entry(pattern,
                    Pattern.compile("^(?:" + regex + ")", pattern.flags()),
                    Pattern.compile("^(?s:.)(?:" + regex + ")", pattern.flags()),
                    prefixes != null, required != null, false));
        }
        keywords = new KeywordIndex(words);
        keywordEntry = owners.stream().mapToInt(owner -> owner[0]).toArray();
        keywordKind = owners.stream().mapToInt(owner -> owner[1]).toArray();
        keywordAsserts = asserts.toArray(int[][]::new);
    }

    private static String bare(String phrase) {
        StringBuilder word = new StringBuilder(phrase.length());
        for (int i = 0; i < phrase.length(); i++) {
            if (!isMarker(phrase.charAt(i))) {
                word.append(phrase.charAt(i));
            }
        }
        return word.toString();
    }

    private static int[] assertions(String phrase) {
        List<Integer> found = new ArrayList<>();
        int offset = 0;
        for (int i = 0; i < phrase.length(); i++) {
            char c = phrase.charAt(i);
            if (c == RequiredLiterals.WORD_BOUNDARY) {
                found.add(offset * 4 + BOUNDARY);
            } else if (c == RequiredLiterals.TEXT_START) {
                found.add(offset * 4 + AT_START);
            } else if (c == RequiredLiterals.TEXT_END) {
                found.add(offset * 4 + AT_END);
            } else {
                offset++;
            }
        }
        return found.isEmpty() ? null : found.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean isMarker(char c) {
        return c == RequiredLiterals.WORD_BOUNDARY || c == RequiredLiterals.TEXT_START || c == RequiredLiterals.TEXT_END;
    }

    private static boolean holds(int[] asserts, String text, int start) {
        if (asserts == null) {
            return true;
        }
        for (int assertion : asserts) {
            int at = start + assertion / 4;
            int kind = assertion % 4;
            boolean holds = kind == BOUNDARY ? isWord(text, at - 1) != isWord(text, at)
                    : kind == AT_START ? at == 0 : at == text.length();
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    /** RE2's \\b: ASCII letters, digits and _ are word characters. */
    private static boolean isWord(String text, int index) {
        if (index < 0 || index >= text.length()) {
            return false;
        }
        char c = text.charAt(index);
        return c < 0x80 && (Character.isLetterOrDigit(c) || c == '_');
    }

    int size() {
        return entries.size();
    }

    /** What one pass over a text found: which patterns may match, and where anchored ones may start. */
    final class Scan {
        final String text;
        private final boolean[] possible = new boolean[entries.size()];
        private final int[][] starts = new int[entries.size()][];
        private final int[] startCounts = new int[entries.size()];

        private Scan(String text) {
            this.text = text;
            for (int i = 0; i < possible.length; i++) {
                possible[i] = !entries.get(i).filtered();
            }
            keywords.scan(text, (keyword, start, end) -> {
                int entry = keywordEntry[keyword];
                int kind = keywordKind[keyword];
                if (kind == REQUIRED) {
                    possible[entry] = true;
                    return;
                }
                if (kind == PHRASE) {
                    if (!holds(keywordAsserts[keyword], text, start)) {
                        return;
                    }
                    possible[entry] = true;
                    record(entry, start);
                    record(entry, end);
                    return;
                }
                record(entry, start);
            });
        }

        /** Prefix starts, or for phrases pairs of start and end. */
        private void record(int entry, int value) {
            int[] list = starts[entry];
            if (list == null) {
                list = new int[4];
                starts[entry] = list;
            } else if (startCounts[entry] == list.length) {
                list = Arrays.copyOf(list, list.length * 2);
                starts[entry] = list;
            }
            list[startCounts[entry]++] = value;
        }

        /** The longest phrase at each start, left to right, not overlapping. */
        private List<int[]> phraseMatches(int entry) {
            int count = startCounts[entry] / 2;
            List<int[]> spans = new ArrayList<>(count);
            for (int k = 0; k < count; k++) {
                spans.add(new int[] {starts[entry][2 * k], starts[entry][2 * k + 1]});
            }
            spans.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(b[1], a[1]));
            List<int[]> found = new ArrayList<>(spans.size());
            int lastEnd = -1;
            for (int[] span : spans) {
                if (span[0] >= lastEnd) {
                    found.add(span);
                    lastEnd = span[1];
                }
            }
            return found;
        }

        boolean possible(int entry) {
            return possible[entry];
        }

        /** Every match, left to right, not overlapping: pairs of start and end. */
        List<int[]> matches(int entry) {
            List<int[]> found = new ArrayList<>(2);
            if (!possible[entry]) {
                return found;
            }
            Entry pattern = entries.get(entry);
            if (pattern.phrases()) {
                return phraseMatches(entry);
            }
            if (!pattern.anchored()) {
                Matcher matcher = pattern.pattern().matcher(text);
                int from = 0;
                while (from <= text.length() && matcher.find(from)) {
                    if (matcher.end() > matcher.start()) {
                        found.add(new int[] {matcher.start(), matcher.end()});
                    }
                    from = Math.max(matcher.end(), matcher.start() + 1);
                }
                return found;
            }
            int count = startCounts[entry];
            if (count == 0) {
                return found;
            }
            int[] sorted = Arrays.copyOf(starts[entry], count);
            Arrays.sort(sorted);
            int lastEnd = -1;
            int lastStart = -1;
            for (int start : sorted) {
                if (start < lastEnd || start == lastStart) {
                    continue;
                }
                lastStart = start;
                int end = matchAt(entry, text, start);
                if (end > start) {
                    found.add(new int[] {start, end});
                    lastEnd = end;
                }
            }
            return found;
        }

        /** Whether the pattern matches anywhere. */
        boolean find(int entry) {
            if (!possible[entry]) {
                return false;
            }
            Entry pattern = entries.get(entry);
            if (pattern.phrases()) {
                return true;
            }
            if (!pattern.anchored()) {
                return pattern.pattern().matcher(text).find();
            }
            return !matches(entry).isEmpty();
        }
    }

    Scan scan(String text) {
        return new Scan(text);
    }

    /** End of the match of pattern {@code entry} starting exactly at {@code start}, or -1. */
    int matchAt(int entry, String text, int start) {
        Entry pattern = entries.get(entry);
        if (pattern.phrases()) {
            int from = Math.max(0, start - 1);
            int longest = -1;
            for (int[] span : new Scan(text.substring(from, Math.min(text.length(), start + WINDOW))).phraseMatches(entry)) {
                if (from + span[0] == start) {
                    longest = Math.max(longest, from + span[1]);
                }
            }
            return longest;
        }
        int end = Math.min(text.length(), start + WINDOW);
        // the char before the start stays in view, so that \b and [^…] at the start judge it correctly
        Matcher matcher;
        int offset;
        if (start == 0) {
            matcher = pattern.atStart().matcher(java.nio.CharBuffer.wrap(text, 0, end));
            offset = 0;
        } else {
            matcher = pattern.afterOne().matcher(java.nio.CharBuffer.wrap(text, start - 1, end));
            offset = start - 1;
        }
        return matcher.lookingAt() ? offset + matcher.end() : -1;
    }
}
