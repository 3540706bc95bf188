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
    private static final int MAX_SET = 128;

    private final String pattern;
    private int position;

    private RequiredLiterals(String pattern) {
        this.pattern = pattern;
    }

    /** The strings (lower case), or null when a match need not contain any literal text. */
    static Set<String> of(String pattern) {
        try {
            RequiredLiterals parser = new RequiredLiterals(pattern);
            Node node = parser.alternation();
            if (parser.position != pattern.length()) {
                return null;
            }
            Set<String> required = node.bestRequired();
            return required == null || required.contains("") ? null : required;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** What is known of a sub-expression: every string it can match (if few), strings one of which it contains. */
    private record Node(Set<String> exact, Set<String> required) {
        static final Node UNKNOWN = new Node(null, null);

        Set<String> bestRequired() {
            return better(exact, required);
        }
    }

    private Node alternation() {
        Node first = concatenation();
        if (position >= pattern.length() || pattern.charAt(position) != '|') {
            return first;
        }
        Set<String> exact = first.exact == null ? null : new HashSet<>(first.exact);
        Set<String> required = first.bestRequired() == null ? null : new HashSet<>(first.bestRequired());
        while (position < pattern.length() && pattern.charAt(position) == '|') {
            position++;
            Node next = concatenation();
            exact = exact == null || next.exact == null ? null : union(exact, next.exact);
            Set<String> nextRequired = next.bestRequired();
            required = required == null || nextRequired == null ? null : union(required, nextRequired);
        }
        return new Node(exact, required);
    }

    private Node concatenation() {
        Set<String> run = Set.of("");
        Set<String> best = null;
        boolean allExact = true;
        while (position < pattern.length() && pattern.charAt(position) != '|' && pattern.charAt(position) != ')') {
            Node item = repetition();
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
        return new Node(allExact ? run : null, best);
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
        return new Node(null, atom.bestRequired());
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
            return new Node(Set.of(""), null);
        }
        if (c == '\\') {
            char escaped = pattern.charAt(position + 1);
            position += 2;
            if (escaped == 'b' || escaped == 'B' || escaped == 'A' || escaped == 'z') {
                return new Node(Set.of(""), null);
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

    private static Node literal(char c) {
        Set<String> set = Set.of(String.valueOf(c).toLowerCase(Locale.ROOT));
        return new Node(set, set);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> result = new HashSet<>(a);
        result.addAll(b);
        return result.size() > MAX_SET ? null : result;
    }

    private static Set<String> product(Set<String> a, Set<String> b) {
        if ((long) a.size() * b.size() > MAX_SET) {
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
