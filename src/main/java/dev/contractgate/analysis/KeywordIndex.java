package dev.contractgate.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Aho-Corasick over many literal strings: one pass over a text reports where each of them occurs. Built once,
 * then read-only (thread-safe); the automaton is kept in flat arrays for speed.
 */
final class KeywordIndex {
    /** Per node: sorted transition chars and their target nodes. */
    private final char[][] keys;
    private final int[][] targets;
    private final int[] fail;
    /** Per node: the ids of every keyword that ends here (its own and those reached through fail links). */
    private final int[][] outputs;
    private final int[] lengths;
    /** Transitions from the root for every char: most steps of a scan fall back to it. */
    private final int[] rootNext = new int[Character.MAX_VALUE + 1];

    /** Keyword ids are positions in {@code keywords}; the same string may appear several times. */
    KeywordIndex(List<String> keywords) {
        List<TreeMap<Character, Integer>> next = new ArrayList<>();
        List<List<Integer>> own = new ArrayList<>();
        next.add(new TreeMap<>());
        own.add(new ArrayList<>());
        lengths = new int[keywords.size()];
        for (int id = 0; id < keywords.size(); id++) {
            String word = keywords.get(id);
            lengths[id] = word.length();
            int node = 0;
            for (int i = 0; i < word.length(); i++) {
                Integer child = next.get(node).get(word.charAt(i));
                if (child == null) {
                    child = next.size();
                    next.add(new TreeMap<>());
                    own.add(new ArrayList<>());
                    next.get(node).put(word.charAt(i), child);
                }
                node = child;
            }
            if (!word.isEmpty()) {
                own.get(node).add(id);
            }
        }
        int size = next.size();
        keys = new char[size][];
        targets = new int[size][];
        for (int node = 0; node < size; node++) {
            Map<Character, Integer> edges = next.get(node);
            keys[node] = new char[edges.size()];
            targets[node] = new int[edges.size()];
            int k = 0;
            for (Map.Entry<Character, Integer> edge : edges.entrySet()) {
                keys[node][k] = edge.getKey();
                targets[node][k] = edge.getValue();
                k++;
            }
        }
        for (int k = 0; k < keys[0].length; k++) {
            rootNext[keys[0][k]] = targets[0][k];
        }
        fail = new int[size];
        outputs = new int[size][];
        outputs[0] = new int[0];
        int[] queue = new int[size];
        int tail = 0;
        for (int child : targets[0]) {
            queue[tail++] = child;
            outputs[child] = own.get(child).stream().mapToInt(Integer::intValue).toArray();
        }
        for (int head = 0; head < tail; head++) {
            int node = queue[head];
            for (int k = 0; k < keys[node].length; k++) {
                int child = targets[node][k];
                int state = fail[node];
                int target = step(state, keys[node][k]);
                while (target < 0 && state != 0) {
                    state = fail[state];
                    target = step(state, keys[node][k]);
                }
                fail[child] = target >= 0 && target != child ? target : 0;
                int[] inherited = outputs[fail[child]];
                int[] mine = own.get(child).stream().mapToInt(Integer::intValue).toArray();
                int[] merged = Arrays.copyOf(mine, mine.length + inherited.length);
                System.arraycopy(inherited, 0, merged, mine.length, inherited.length);
                outputs[child] = merged;
                queue[tail++] = child;
            }
        }
    }

    private int step(int node, char c) {
        if (node == 0) {
            int target = rootNext[c];
            return target == 0 ? -1 : target;
        }
        int at = Arrays.binarySearch(keys[node], c);
        return at >= 0 ? targets[node][at] : -1;
    }

    /** Receives each occurrence: keyword id and where it starts and ends. */
    interface Hits {
        void hit(int keyword, int start, int end);
    }

    void scan(String text, Hits hits) {
        int state = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int target = step(state, c);
            while (target < 0 && state != 0) {
                state = fail[state];
                target = step(state, c);
            }
            state = target < 0 ? 0 : target;
            for (int keyword : outputs[state]) {
                hits.hit(keyword, i - lengths[keyword] + 1, i + 1);
            }
        }
    }

    /** Convenience for tests: the ids of the keywords that occur. */
    java.util.BitSet found(String text) {
        java.util.BitSet found = new java.util.BitSet();
        scan(text, (keyword, start, end) -> found.set(keyword));
        return found;
    }
}
