package dev.contractgate.analysis;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Finds strings of which any match of a regular expression must contain at least one (like RE2's prefilter),
 * so that a rule runs only on messages that contain one of them. Understands the RE2 syntax the lexicon uses;
 * answers null (run always) where it cannot tell.
 */
final class RequiredLiterals {
    /** Stand for \\b, ^ and $ inside exact strings; removed from required literals and prefixes. */
    static final char WORD_BOUNDARY = '\u0001';
    static final char TEXT_START = '\u0002';
    static final char TEXT_END = '\u0003';
    private static final int MAX_SET = 512;
    /** An alternation of literal phrases may have this many expansions and still be matched as literals. */
    static final int MAX_EXACT = 20_000;

    private final String pattern;
    private final int maxSet;
    private int position;

    private RequiredLiterals(String pattern, int maxSet) {
        this.pattern = pattern;
        this.maxSet = maxSet;
    }

    /** The strings (lower case), or null when a match need not contain any literal text. */
    static Set<String> of(String pattern) {
        Node node = parse(pattern, MAX_SET);
        Set<String> required = node == null ? null : withoutMarkers(node.bestRequired());
        return required == null || required.contains("") ? null : required;
    }

    /** Strings one of which every match starts with, or null when that cannot be told. */
    static Set<String> prefixes(String pattern) {
        Node node = parse(pattern, MAX_SET);
        Set<String> prefixes = node == null ? null : withoutMarkers(node.prefixes());
        return prefixes == null || prefixes.isEmpty() || prefixes.contains("") ? null : prefixes;
    }

    /**
     * Every string the pattern can match, when it is a finite set of literal phrases (a list, a list followed by
     * particles): each may hold {@link #WORD_BOUNDARY}, {@link #TEXT_START}, {@link #TEXT_END} at its ends. Null
     * when the pattern has classes, repetition or too many expansions.
     */
    static Set<String> exact(String pattern) {
        Node node = parse(pattern, MAX_EXACT);
        return node == null || node.exact == null || node.exact.contains("") ? null : node.exact;
    }

    private static Set<String> withoutMarkers(Set<String> strings) {
        if (strings == null) {
            return null;
        }
        Set<String> result = new HashSet<>();
        for (String string : strings) {
            result.add(string.replace(String.valueOf(WORD_BOUNDARY), "").replace(String.valueOf(TEXT_START), "")
                    .replace(String.valueOf(TEXT_END), ""));
        }
        return result;
    }

    private static Node parse(String pattern, int maxSet) {
        try {
            RequiredLiterals parser = new RequiredLiterals(pattern, maxSet);
            Node node = parser.alternation();
            return parser.position == pattern.length() ? node : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * What is known of a sub-expression: every string it can match (if few), strings one of which it contains,
     * strings one of which it starts with.
     */
    private record Node(Set<String> exact, Set<String> required, Set<String> prefix) {
        static final Node UNKNOWN = new Node(null, null, null);

        Node(Set<String> exact, Set<String> required) {
            this(exact, required, exact);
        }

        Set<String> bestRequired() {
            return better(exact, required);
        }

        Set<String> prefixes() {
            return exact != null ? exact : prefix;
        }
    }

    private Node alternation() {
        Node first = concatenation();
        if (position >= pattern.length() || pattern.charAt(position) != '|') {
            return first;
        }
        Set<String> exact = first.exact == null ? null : new HashSet<>(first.exact);
        Set<String> required = first.bestRequired() == null ? null : new HashSet<>(first.bestRequired());
        Set<String> prefix = first.prefixes() == null ? null : new HashSet<>(first.prefixes());
        while (position < pattern.length() && pattern.charAt(position) == '|') {
            position++;
            Node next = concatenation();
            exact = exact == null || next.exact == null ? null : union(exact, next.exact);
            Set<String> nextRequired = next.bestRequired();
            required = required == null || nextRequired == null ? null : union(required, nextRequired);
            prefix = prefix == null || next.prefixes() == null ? null : union(prefix, next.prefixes());
        }
        return new Node(exact, required, prefix);
    }

    private Node concatenation() {
        Set<String> run = Set.of("");
        Set<String> best = null;
        boolean allExact = true;
        Set<String> prefix = Set.of("");
        boolean prefixDone = false;
        while (position < pattern.length() && pattern.charAt(position) != '|' && pattern.charAt(position) != ')') {
            Node item = repetition();
            if (!prefixDone) {
                Set<String> longer = item.prefixes() == null ? null : product(prefix, item.prefixes());
                prefixDone = item.exact == null || longer == null;
                if (longer != null) {
                    prefix = longer;
                }
            }
            if (item.exact != null) {
                Set<String> longer = product(run, item.exact);
                if (longer == null) {
                    best = better(best, run);
                    allExact = false;
                    run = item.exact;
                } else {
                    run = longer;
                }
            } else {
                allExact = false;
                best = better(best, run);
                best = better(best, item.bestRequired());
                run = Set.of("");
            }
        }
        best = better(best, run);
        return new Node(allExact ? run : null, best, prefix);
    }

    private Node repetition() {
        Node atom = atom();
        if (position >= pattern.length()) {
            return atom;
        }
        char c = pattern.charAt(position);
        int min;
        if (c == '*' || c == '?') {
            min = 0;
            position++;
        } else if (c == '+') {
            min = 1;
            position++;
        } else if (c == '{' && position + 1 < pattern.length() && Character.isDigit(pattern.charAt(position + 1))) {
            int close = pattern.indexOf('}', position);
            String[] bounds = pattern.substring(position + 1, close).split(",", -1);
            min = Integer.parseInt(bounds[0]);
            position = close + 1;
        } else {
            return atom;
        }
        if (position < pattern.length() && (pattern.charAt(position) == '?' || pattern.charAt(position) == '+')) {
            position++;
        }
        if (min == 0) {
            return c == '?' && atom.exact != null ? new Node(union(atom.exact, Set.of("")), null) : Node.UNKNOWN;
        }
        return new Node(null, atom.bestRequired(), atom.prefixes());
    }

    private Node atom() {
        char c = pattern.charAt(position);
        if (c == '(') {
            position++;
            if (pattern.startsWith("?", position)) {
                int close = position;
                while (close < pattern.length() && pattern.charAt(close) != ':' && pattern.charAt(close) != ')') {
                    close++;
                }
                if (pattern.startsWith("?P<", position) || pattern.startsWith("?<", position)) {
                    position = pattern.indexOf('>', position) + 1;
                } else if (close < pattern.length() && pattern.charAt(close) == ')') {
                    position = close + 1;
                    return new Node(Set.of(""), null);
                } else {
                    position = close + 1;
                }
            }
            Node inner = alternation();
            position++;
            return inner;
        }
        if (c == '[') {
            Set<String> small = smallClass();
            if (small != null) {
                return new Node(small, small);
            }
            int k = position + 1;
            if (k < pattern.length() && pattern.charAt(k) == '^') {
                k++;
            }
            if (k < pattern.length() && pattern.charAt(k) == ']') {
                k++;
            }
            while (pattern.charAt(k) != ']') {
                k += pattern.charAt(k) == '\\' ? 2 : 1;
            }
            position = k + 1;
            return Node.UNKNOWN;
        }
        if (c == '.') {
            position++;
            return Node.UNKNOWN;
        }
        if (c == '^' || c == '$') {
            position++;
            return new Node(Set.of(String.valueOf(c == '^' ? TEXT_START : TEXT_END)), null);
        }
        if (c == '\\') {
            char escaped = pattern.charAt(position + 1);
            position += 2;
            if (escaped == 'b') {
                return new Node(Set.of(String.valueOf(WORD_BOUNDARY)), null);
            }
            if (escaped == 'A' || escaped == 'z') {
                return new Node(Set.of(String.valueOf(escaped == 'A' ? TEXT_START : TEXT_END)), null);
            }
            if (escaped == 'B') {
                return Node.UNKNOWN;
            }
            if (escaped == 's') {
                // messages are normalised: the only white space in them is a space (and line breaks, which end sentences)
                return literal(' ');
            }
            if (escaped == 'd') {
                return new Node(DIGITS, DIGITS);
            }
            if (Character.isLetterOrDigit(escaped)) {
                if (escaped == 'p' || escaped == 'P') {
                    if (pattern.charAt(position) == '{') {
                        position = pattern.indexOf('}', position) + 1;
                    } else {
                        position++;
                    }
                }
                return Node.UNKNOWN;
            }
            return literal(escaped);
        }
        position++;
        return literal(c);
    }

    private static final Set<String> DIGITS = Set.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    /** A class of a few plain characters or ranges ([0-9], [a-c]) as its strings; null for anything else. */
    private Set<String> smallClass() {
        int close = pattern.indexOf(']', position + 1);
        if (close < 0 || pattern.charAt(position + 1) == '^') {
            return null;
        }
        Set<String> chars = new HashSet<>();
        for (int k = position + 1; k < close; k++) {
            char c = pattern.charAt(k);
            if (c == '\\' || c == '[') {
                return null;
            }
            if (k + 2 < close && pattern.charAt(k + 1) == '-') {
                for (char x = c; x <= pattern.charAt(k + 2); x++) {
                    chars.add(String.valueOf(x).toLowerCase(Locale.ROOT));
                }
                k += 2;
            } else {
                chars.add(String.valueOf(c).toLowerCase(Locale.ROOT));
            }
            if (chars.size() > 16) {
                return null;
            }
        }
        position = close + 1;
        return chars.isEmpty() ? null : chars;
    }

    private static Node literal(char c) {
        Set<String> set = Set.of(String.valueOf(c).toLowerCase(Locale.ROOT));
        return new Node(set, set);
    }

    private Set<String> union(Set<String> a, Set<String> b) {
        Set<String> result = new HashSet<>(a);
        result.addAll(b);
        return result.size() > maxSet ? null : result;
    }

    private Set<String> product(Set<String> a, Set<String> b) {
        if ((long) a.size() * b.size() > maxSet) {
            return null;
        }
        Set<String> result = new HashSet<>();
        for (String left : a) {
            for (String right : b) {
                result.add(left + right);
            }
        }
        return result;
    }

    /** The more selective of two sets: the one whose shortest string is longer. */
    private static Set<String> better(Set<String> a, Set<String> b) {
        if (a == null || a.isEmpty()) {
            return b == null || b.isEmpty() ? null : b;
        }
        if (b == null || b.isEmpty()) {
            return a;
        }
        int shortestA = a.stream().mapToInt(String::length).min().orElse(0);
        int shortestB = b.stream().mapToInt(String::length).min().orElse(0);
        if (shortestA != shortestB) {
            return shortestA > shortestB ? a : b;
        }
        return a.size() <= b.size() ? a : b;
    }
}
