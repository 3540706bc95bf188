package dev.contractgate.analysis;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the learned model reads of a message, as hashed feature ids: character 1- to 3-grams of the normalised text
 * (digits folded to 0), English word uni- and bigrams, every rule hit (kept or dropped by its context) with the
 * speech acts of its clause and of its sentence, the speech acts of the message, its length, and the labels found in
 * the last messages of its conversation (with what of this message they bear on). Pure function of the message, the
 * rule hits and that context; the hashing is fixed, so a model trained once reads the same ids at run time.
 */
final class Features {
    static final int BITS = 20;
    static final int SIZE = 1 << BITS;
    private static final int MASK = SIZE - 1;
    /** The length of a group of n-gram features (as a vector): comparable to a few rule hits. */
    private static final double GROUP_NORM = 3.0;

    private int[] ids = new int[256];
    private float[] values = new float[256];
    private int count;
    /** Where the features of the conversation start (they come last): before it, the message read alone. */
    private int contextFrom = -1;

    private Features() {
    }

    /** The index of the first feature of the conversation, or -1 when the message was read without one. */
    int contextFrom() {
        return contextFrom < count ? contextFrom : -1;
    }

    int[] ids() {
        return Arrays.copyOf(ids, count);
    }

    float[] values() {
        return Arrays.copyOf(values, count);
    }

    float value(int index) {
        return values[index];
    }

    int count() {
        return count;
    }

    int id(int index) {
        return ids[index];
    }

    static Features of(Message message, Lexicon lexicon, List<Finding> raw, List<Finding> kept, Set<Label> before) {
        Features features = new Features();
        String text = message.plainText;
        features.add(mix(BIAS));
        // each group of n-grams weighs as much in a long message as in a short one (unit length)
        int from = features.count;
        features.charGrams(text);
        features.normalise(from);
        from = features.count;
        features.words(text);
        features.normalise(from);
        from = features.count;
        features.scriptRuns(message.original);
        features.normalise(from);
        int[] clauseOf = clauses(text);
        Map<String, Integer> acts = lexicon.speechActs;
        boolean[][] actInClause = new boolean[acts.size()][];
        boolean[][] actInSentence = new boolean[acts.size()][];
        int a = 0;
        for (Map.Entry<String, Integer> act : acts.entrySet()) {
            List<int[]> matches = message.matches(act.getValue());
            actInClause[a] = new boolean[clauseOf.length == 0 ? 1 : clauseOf[clauseOf.length - 1] + 1];
            actInSentence[a] = new boolean[message.sentenceOf(Math.max(0, text.length() - 1)) + 1];
            for (int[] match : matches) {
                if (match[0] < text.length()) {
                    actInClause[a][clauseOf[match[0]]] = true;
                    actInSentence[a][message.sentenceOf(match[0])] = true;
                }
            }
            if (!matches.isEmpty()) {
                features.add(mix(name(act.getKey()) * 31 + ACT));
            }
            a++;
        }
        long[] actNames = new long[acts.size()];
        int named = 0;
        for (String act : acts.keySet()) {
            actNames[named++] = name(act);
        }
        features.cues(message, lexicon, clauseOf, actInClause, actNames);
        for (Finding finding : raw) {
            boolean isKept = kept.contains(finding);
            long ruleName = name(baseRule(finding.rule()));
            long labelName = name(finding.label().id());
            int state = isKept ? KEPT : DROPPED;
            features.add(mix(ruleName * 31 + RULE));
            features.add(mix((ruleName * 31 + RULE) * 31 + state));
            features.add(mix((labelName * 31 + LABEL) * 31 + state));
            int at = message.normalizedIndexOf(finding.start());
            if (at >= text.length()) {
                continue;
            }
            int clause = clauseOf[at];
            int sentence = message.sentenceOf(at);
            for (int k = 0; k < actNames.length; k++) {
                if (actInClause[k][clause]) {
                    features.add(mix(((labelName * 31 + LABEL) * 31 + CLAUSE) * 31 + actNames[k]));
                    features.add(mix(((ruleName * 31 + RULE) * 31 + CLAUSE) * 31 + actNames[k]));
                } else if (actInSentence[k][sentence]) {
                    features.add(mix(((labelName * 31 + LABEL) * 31 + SENTENCE) * 31 + actNames[k]));
                }
            }
            if (inQuotes(message.original, finding.start())) {
                features.add(mix((labelName * 31 + LABEL) * 31 + QUOTED));
            }
        }
        features.add(mix(LENGTH * 31 + Math.min(8, 32 - Integer.numberOfLeadingZeros(text.length()))));
        features.add(mix(JAPANESE * 31 + (japaneseShare(text) > 0.2 ? 1 : 0)));
        features.contextFrom = features.count;
        features.context(text, before, actNames, actInSentence, kept);
        return features;
    }

    /**
     * The lexicon's cues (a channel named, a contact detail, a fee, paying directly, …) whether or not a rule saw
     * them, each with the speech acts of its clause and with the other cues of that clause: what a moderator reads
     * ("a channel" + "a request" in one clause) in words no rule lists.
     */
    private void cues(Message message, Lexicon lexicon, int[] clauseOf, boolean[][] actInClause, long[] actNames) {
        Map<String, Integer> cues = lexicon.cues;
        if (cues.isEmpty() || clauseOf.length == 0) {
            return;
        }
        int clauses = clauseOf[clauseOf.length - 1] + 1;
        long[] cueNames = new long[cues.size()];
        boolean[][] cueInClause = new boolean[cues.size()][];
        int c = 0;
        for (Map.Entry<String, Integer> cue : cues.entrySet()) {
            cueNames[c] = name(cue.getKey());
            List<int[]> matches = message.matches(cue.getValue());
            if (!matches.isEmpty()) {
                cueInClause[c] = new boolean[clauses];
                for (int[] match : matches) {
                    if (match[0] < clauseOf.length) {
                        cueInClause[c][clauseOf[match[0]]] = true;
                    }
                }
                add(mix(cueNames[c] * 31 + CUE));
            }
            c++;
        }
        for (int clause = 0; clause < clauses; clause++) {
            for (int i = 0; i < cueNames.length; i++) {
                if (cueInClause[i] == null || !cueInClause[i][clause]) {
                    continue;
                }
                for (int k = 0; k < actNames.length; k++) {
                    if (actInClause[k][clause]) {
                        add(mix(((cueNames[i] * 31 + CUE) * 31 + CLAUSE) * 31 + actNames[k]));
                    }
                }
                for (int j = i + 1; j < cueNames.length; j++) {
                    if (cueInClause[j] != null && cueInClause[j][clause]) {
                        add(mix(((cueNames[i] * 31 + CUE) * 31 + CUE) * 31 + cueNames[j]));
                    }
                }
            }
        }
    }

    /** A message this short may be an answer that only its conversation explains ("fine, 220", 「金曜で」). */
    private static final int SHORT_ANSWER = 24;

    /**
     * The conversation: each label found in its last messages, alone, with this message's length class,
     * whether it has digits, its speech acts, its own rule labels and, when it is short, its character bigrams.
     */
    private void context(String text, Set<Label> before, long[] actNames, boolean[][] actInSentence, List<Finding> kept) {
        if (before.isEmpty()) {
            return;
        }
        boolean shortAnswer = text.length() <= SHORT_ANSWER;
        boolean digits = false;
        for (int i = 0; i < text.length() && !digits; i++) {
            digits = text.charAt(i) >= '0' && text.charAt(i) <= '9';
        }
        for (Label label : before) {
            long context = name(label.id()) * 31 + BEFORE;
            add(mix(context));
            add(mix(context * 31 + (shortAnswer ? 1 : 2)));
            if (digits) {
                add(mix(context * 31 + (shortAnswer ? 3 : 4)));
            }
            for (int k = 0; k < actNames.length; k++) {
                for (boolean inSentence : actInSentence[k]) {
                    if (inSentence) {
                        add(mix((context * 31 + ACT) * 31 + actNames[k]));
                        break;
                    }
                }
            }
            for (Finding finding : kept) {
                add(mix((context * 31 + LABEL) * 31 + name(finding.label().id())));
            }
            if (shortAnswer) {
                int from = count;
                char previous = '^';
                for (int i = 0; i <= text.length(); i++) {
                    char c = i == text.length() ? '$' : fold(text.charAt(i));
                    add(mix(((context * 31 + SHORT) * 31 + previous) * 65599 + c));
                    previous = c;
                }
                normalise(from);
            }
        }
    }

    /** Rule ids without the split suffix, and the built-in detectors as they are. */
    private static String baseRule(String rule) {
        return rule.endsWith(".split") ? rule.substring(0, rule.length() - ".split".length()) : rule;
    }

    private void charGrams(String text) {
        int length = text.length();
        char previous2 = '^';
        char previous = '^';
        for (int i = 0; i <= length; i++) {
            char c = i == length ? '$' : fold(text.charAt(i));
            if (c == ' ' && previous == ' ') {
                continue;
            }
            if (c > 0x7f) {
                add(mix(0x1000_0000 | c));
            }
            add(mix((0x2000_0000 | previous << 16 | c) * 31));
            add(mix(((long) previous2 << 32 | (long) previous << 16 | c) * 0x9E3779B97F4A7C15L));
            previous2 = previous;
            previous = c;
        }
    }

    private void words(String text) {
        int length = text.length();
        long previous = 0;
        int i = 0;
        while (i < length) {
            char c = text.charAt(i);
            if (!isWordChar(c)) {
                i++;
                continue;
            }
            long word = 1125899906842597L;
            int start = i;
            while (i < length && isWordChar(text.charAt(i))) {
                word = 31 * word + fold(text.charAt(i));
                i++;
            }
            if (i - start < 2 && !(text.charAt(start) >= '0' && text.charAt(start) <= '9')) {
                continue;
            }
            add(mix(word * 0xC2B2AE3D27D4EB4FL + 7));
            if (previous != 0) {
                add(mix((previous * 0x165667B19E3779F9L) ^ word));
            }
            previous = word;
        }
    }

    /** Runs of kanji and of katakana as written (直接契約, 手数料, ライン): Japanese words without a dictionary. */
    private void scriptRuns(String original) {
        int length = original.length();
        int i = 0;
        while (i < length) {
            int kind = script(original.charAt(i));
            if (kind == 0) {
                i++;
                continue;
            }
            long run = 1469598103934665603L * kind;
            int start = i;
            while (i < length && script(original.charAt(i)) == kind) {
                run = (run ^ original.charAt(i)) * 1099511628211L;
                i++;
            }
            if (i - start >= 2) {
                add(mix(run * 0x9E3779B97F4A7C15L + 11));
            }
        }
    }

    private static int script(char c) {
        if (c >= '\u4e00' && c <= '\u9fff' || c >= '\u3400' && c <= '\u4dbf' || c == '々') {
            return 1;
        }
        if (c >= '\u30a1' && c <= '\u30fa' || c == '\u30fc' || c >= '\uff66' && c <= '\uff9f') {
            return 2;
        }
        return 0;
    }

    private static boolean isWordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '\'';
    }

    private static char fold(char c) {
        if (c >= '0' && c <= '9') {
            return '0';
        }
        return c == TextNormalizer.BREAK || c == '\t' ? ' ' : c;
    }

    /** Clause ids per char: a clause ends at a sentence end, a comma, or a but/けど/が、 turn. */
    private static int[] clauses(String text) {
        int[] clauseOf = new int[text.length()];
        int clause = 0;
        for (int i = 0; i < text.length(); i++) {
            clauseOf[i] = clause;
            char c = text.charAt(i);
            if (c == '、' || c == ',' || c == '。' || c == '!' || c == '?' || c == ';' || c == TextNormalizer.BREAK
                    || c == '.' && (i + 1 == text.length() || text.charAt(i + 1) == ' ')
                    || c == ' ' && text.startsWith("but ", i + 1)) {
                clause++;
            }
        }
        return clauseOf;
    }

    /** Whether an original offset lies inside 「…」 or "…" that opened before it. */
    private static boolean inQuotes(String original, int offset) {
        int depth = 0;
        boolean ascii = false;
        for (int i = 0; i < Math.min(offset, original.length()); i++) {
            char c = original.charAt(i);
            if (c == '「' || c == '『' || c == '“') {
                depth++;
            } else if ((c == '」' || c == '』' || c == '”') && depth > 0) {
                depth--;
            } else if (c == '"') {
                ascii = !ascii;
            }
        }
        return depth > 0 || ascii;
    }

    private static double japaneseShare(String text) {
        int japanese = 0;
        for (int i = 0; i < text.length(); i++) {
            japanese += AmbiguousWords.isJapanese(text.charAt(i)) ? 1 : 0;
        }
        return text.isEmpty() ? 0 : (double) japanese / text.length();
    }

    /** Kinds of feature, mixed into their ids so that a rule's feature never collides with a label's of the same name. */
    private static final long BIAS = 1;
    private static final int RULE = 2;
    private static final int LABEL = 3;
    private static final int ACT = 4;
    private static final int CLAUSE = 5;
    private static final int SENTENCE = 6;
    private static final int QUOTED = 7;
    private static final int KEPT = 8;
    private static final int DROPPED = 9;
    private static final long LENGTH = 10;
    private static final long JAPANESE = 11;
    private static final int CUE = 12;
    private static final int BEFORE = 13;
    private static final int SHORT = 14;
    /** Names (rule ids, labels, speech acts) are few: each is hashed once. */
    private static final java.util.concurrent.ConcurrentHashMap<String, Long> NAMES = new java.util.concurrent.ConcurrentHashMap<>();

    private static long name(String name) {
        Long known = NAMES.get(name);
        if (known != null) {
            return known;
        }
        long h = 1469598103934665603L;
        for (int i = 0; i < name.length(); i++) {
            h = (h ^ name.charAt(i)) * 1099511628211L;
        }
        if (NAMES.size() < 10_000) {
            NAMES.put(name, h);
        }
        return h;
    }

    private static int mix(long value) {
        long h = value;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) (h & MASK);
    }

    private void normalise(int from) {
        int n = count - from;
        if (n == 0) {
            return;
        }
        float scale = (float) (GROUP_NORM / Math.sqrt(n));
        for (int i = from; i < count; i++) {
            values[i] = scale;
        }
    }

    private void add(int id) {
        if (count == ids.length) {
            ids = Arrays.copyOf(ids, count * 2);
            values = Arrays.copyOf(values, count * 2);
        }
        values[count] = 1;
        ids[count++] = id;
    }
}
