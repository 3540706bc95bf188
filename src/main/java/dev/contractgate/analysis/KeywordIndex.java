package dev.contractgate.analysis;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Aho-Corasick over the required literals of every rule: one pass over a message tells which rules can match
 * at all, so that the regular expressions run only where they might (most messages trigger none or few).
 */
final class KeywordIndex {
    private final List<Map<Character, Integer>> next = new ArrayList<>();
    private final List<BitSet> outputs = new ArrayList<>();
    private final int[] fail;
    private final BitSet alwaysRun = new BitSet();

    /** {@code literals.get(i)} are rule i's required literals; null means rule i always runs. */
    KeywordIndex(List<Set<String>> literals) {
        newNode();
        for (int rule = 0; rule < literals.size(); rule++) {
            Set<String> words = literals.get(rule);
            if (words == null) {
                alwaysRun.set(rule);
                continue;
            }
            for (String word : words) {
                int node = 0;
                for (int i = 0; i < word.length(); i++) {
                    Integer child = next.get(node).get(word.charAt(i));
                    if (child == null) {
                        child = newNode();
                        next.get(node).put(word.charAt(i), child);
                    }
                    node = child;
                }
                outputs.get(node).set(rule);
            }
        }
        fail = new int[next.size()];
        List<Integer> queue = new ArrayList<>(next.get(0).values());
        for (int head = 0; head < queue.size(); head++) {
            int node = queue.get(head);
            for (Map.Entry<Character, Integer> edge : next.get(node).entrySet()) {
                int child = edge.getValue();
                int state = fail[node];
                while (state != 0 && !next.get(state).containsKey(edge.getKey())) {
                    state = fail[state];
                }
                Integer target = next.get(state).get(edge.getKey());
                fail[child] = target != null && target != child ? target : 0;
                outputs.get(child).or(outputs.get(fail[child]));
                queue.add(child);
            }
        }
    }

    private int newNode() {
        next.add(new HashMap<>());
        outputs.add(new BitSet());
        return next.size() - 1;
    }

    /** The rules that may match {@code text}. */
    BitSet candidates(String text) {
        BitSet found = (BitSet) alwaysRun.clone();
        int state = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            Integer target = next.get(state).get(c);
            while (target == null && state != 0) {
                state = fail[state];
                target = next.get(state).get(c);
            }
            state = target == null ? 0 : target;
            BitSet output = outputs.get(state);
            if (!output.isEmpty()) {
                found.or(output);
            }
        }
        return found;
    }
}
