package dev.contractgate.analysis;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Labels a chat message: contact exchange, negotiation of terms, direct deals off the platform, scam signals; with
 * every finding naming its rule and the matched original text. Immutable and thread-safe; no I/O after loading.
 */
public final class Analyzer {
    private static final int MAX_TERM_LENGTH = 40;
    /** How far past its start a {@code then} match is looked at (longer ones are cut). */
    private static final int MAX_THEN_LENGTH = 60;
    /** How far from a fee an amount may stand and still be that fee. */
    private static final int FEE_GAP = 12;
    private static final com.ibm.icu.text.Normalizer2 NFKC = com.ibm.icu.text.Normalizer2.getNFKCInstance();

    private final Lexicon lexicon;
    /** The learned layer that decides the labels, or null: the rules alone decide. */
    private final LabelModel model;
    private final Map<String, PatternRule> rulesById = new HashMap<>();

    /** The same rules without the model: this analyser when it has none. */
    private final Analyzer rules;

    private Analyzer(Lexicon lexicon, LabelModel model) {
        this.lexicon = lexicon;
        this.model = model;
        this.rules = model == null ? this : new Analyzer(lexicon, null);
        for (PatternRule rule : lexicon.rules) {
            rulesById.put(rule.id(), rule);
        }
    }

    /**
     * Reads and validates {@code lexicon.yml} and {@code patterns.yml} from the folder, or the defaults bundled in
     * the jar when the folder does not exist.
     *
     * @throws LexiconException naming the file, the entry and the problem
     */
    public static Analyzer load(Path lexiconDir) {
        return new Analyzer(Lexicon.load(lexiconDir), ModelFile.load(lexiconDir));
    }

    /** The rules of the folder alone, without the learned model (what the model is trained on top of). */
    public static Analyzer loadRules(Path lexiconDir) {
        return new Analyzer(Lexicon.load(lexiconDir), null);
    }

    /** The defaults bundled in the jar ({@code config/analysis/} at build time). */
    public static Analyzer loadDefaults() {
        return new Analyzer(Lexicon.load(null), ModelFile.load(null));
    }

    /** This analyser's rules with another model (the trainer's). */
    Analyzer withModel(LabelModel other) {
        return new Analyzer(lexicon, other);
    }

    /** This analyser's rules alone, without the learned model: every label then has a rule span. */
    public Analyzer rulesOnly() {
        return rules;
    }

    LabelModel model() {
        return model;
    }

    /** Whether a learned model decides the labels. */
    public boolean learned() {
        return model != null;
    }

    /**
     * The channels a passage names, by the lexicon's names for them ({@code chatwork}, {@code line}, …): lets a
     * channel tell "let's talk on Chatwork" apart from moving elsewhere when the talk already is on Chatwork.
     */
    public java.util.Set<String> channelsNamed(String passage) {
        String normalised = TextNormalizer.normalize(passage).text;
        java.util.Set<String> named = new java.util.TreeSet<>();
        lexicon.channelsByName.forEach((name, pattern) -> {
            if (pattern.matcher(normalised).find()) {
                named.add(name);
            }
        });
        return named;
    }

    /** A message that is all the sender's own words. */
    public Analysis analyze(String text) {
        return analyze(text, null, null);
    }

    /** As {@link #analyze(String)}, resolving relative deadlines ("12月15日", "来週金曜") against the date given. */
    public Analysis analyze(String text, LocalDate referenceDate) {
        return analyze(text, null, referenceDate);
    }

    /**
     * A message whose chars in {@code notOwnWords} are not the sender's own words (the channel's markup, a quote of
     * somebody else, code): they are not read, and they break what runs across them.
     *
     * @param notOwnWords null when every char is the sender's
     * @param referenceDate the day relative deadlines are resolved against, or null
     */
    public Analysis analyze(String text, BitSet notOwnWords, LocalDate referenceDate) {
        return analyze(text, notOwnWords, referenceDate, Set.of());
    }

    /**
     * As {@link #analyze(String, BitSet, LocalDate)}, in a conversation whose last messages were found to carry the
     * labels {@code before}: a short answer ("fine, 220", 「金曜で」) settles the term asked about, and the terms of a
     * deal moved off the platform are that deal's.
     */
    Analysis analyze(String text, BitSet notOwnWords, LocalDate referenceDate, Set<Label> before) {
        if (text == null || text.isBlank()) {
            return Analysis.EMPTY;
        }
        Message message = new Message(text, notOwnWords, lexicon, referenceDate);
        Evidence evidence = evidence(message);
        if (model == null) {
            return Analysis.of(distinct(evidence.kept()));
        }
        return decide(message, evidence, probabilities(message, evidence, before));
    }

    /** The model's final probability of each label for a message (both stages). */
    private double[] probabilities(Message message, Evidence evidence, Set<Label> before) {
        boolean[] kept = new boolean[Label.values().length];
        boolean[] dropped = new boolean[kept.length];
        evidence.kept().forEach(finding -> kept[finding.label().ordinal()] = true);
        evidence.raw().stream().filter(finding -> !kept[finding.label().ordinal()] && !evidence.kept().contains(finding))
                .forEach(finding -> dropped[finding.label().ordinal()] = true);
        Features features = features(message, evidence, before);
        double[] alone = features.contextFrom() < 0 ? null : new double[LabelModel.LABELS];
        double[] probabilities = model.stacked(model.probabilities(features, alone), kept, dropped);
        if (alone != null) {
            LabelModel.onlyAdd(probabilities, model.stacked(alone, kept, dropped));
        }
        return probabilities;
    }

    /** What the rules found in a message: every hit, and those its context keeps. */
    record Evidence(List<Finding> raw, List<Finding> kept) {
    }

    Evidence evidence(String text, BitSet notOwnWords) {
        return evidence(new Message(text, notOwnWords, lexicon, null));
    }

    /** @param before the labels of the last messages of its conversation (empty: none, or none known) */
    Features features(String text, BitSet notOwnWords, Set<Label> before) {
        Message message = new Message(text, notOwnWords, lexicon, null);
        return features(message, evidence(message), before);
    }

    private Features features(Message message, Evidence evidence, Set<Label> before) {
        return Features.of(message, lexicon, evidence.raw(), evidence.kept(), before);
    }

    /**
     * The labels the model gives, each with the spans of its rules that the context kept, or else those it
     * dropped (the model overruled the context), or else one finding over the whole message.
     */
    private Analysis decide(Message message, Evidence evidence, double[] probabilities) {
        List<Finding> decided = new ArrayList<>();
        for (Label label : Label.values()) {
            List<Finding> kept = ofLabel(evidence.kept(), label);
            List<Finding> dropped = ofLabel(evidence.raw(), label);
            dropped.removeAll(kept);
            int index = label.ordinal();
            if (probabilities[index] < model.threshold(index, !kept.isEmpty(), !dropped.isEmpty())) {
                continue;
            }
            if (!kept.isEmpty()) {
                decided.addAll(kept);
            } else if (!dropped.isEmpty()) {
                decided.addAll(dropped);
            } else {
                decided.add(new Finding(label, MODEL_RULE_PREFIX + label.id(), 0, message.original.length(),
                        message.original, null));
            }
        }
        return Analysis.of(distinct(decided));
    }

    /** Rule id of a label the model gives with no rule span: {@code model.contact_exchange}, … */
    public static final String MODEL_RULE_PREFIX = "model.";

    private static List<Finding> ofLabel(List<Finding> findings, Label label) {
        List<Finding> of = new ArrayList<>();
        for (Finding finding : findings) {
            if (finding.label() == label) {
                of.add(finding);
            }
        }
        return of;
    }

    private Evidence evidence(Message message) {
        List<Finding> findings = new ArrayList<>();
        EmailDetector.find(message, lexicon, findings);
        PhoneDetector.find(message, lexicon.sample, lexicon.phoneIntro, findings);
        MoneyDetector.find(message, lexicon, findings);
        PaymentTermDetector.find(message, findings);
        DeadlineDetector.find(message, lexicon, findings);
        List<Integer> labelDependent = new ArrayList<>();
        for (int i = 0; i < lexicon.rules.size(); i++) {
            if (!message.scanFor(lexicon.rules.get(i)).possible(lexicon.ruleEntries[i])) {
                continue;
            }
            if (lexicon.rules.get(i).requiresLabel() != null) {
                labelDependent.add(i);
            } else {
                apply(i, message, findings);
            }
        }
        List<Finding> kept = inContext(message, findings);
        Set<Label> labels = EnumSet.noneOf(Label.class);
        kept.forEach(finding -> labels.add(finding.label()));
        List<Finding> raw = new ArrayList<>(findings);
        for (int i : labelDependent) {
            if (labels.contains(lexicon.rules.get(i).requiresLabel())) {
                int before = kept.size();
                apply(i, message, kept);
                raw.addAll(kept.subList(before, kept.size()));
            }
        }
        return new Evidence(raw, kept);
    }

    private void apply(int ruleIndex, Message message, List<Finding> findings) {
        PatternRule rule = lexicon.rules.get(ruleIndex);
        int requires = lexicon.requiresEntries[ruleIndex];
        PatternIndex then = lexicon.thenIndexes[ruleIndex];
        PatternIndex.Scan scan = message.scanFor(rule);
        if (requires >= 0 && !scan.possible(requires)) {
            return;
        }
        List<int[]> matches = scan.matches(lexicon.ruleEntries[ruleIndex]);
        if (matches.isEmpty() || requires >= 0 && !scan.find(requires)) {
            return;
        }
        for (int[] match : matches) {
            int start = match[0];
            int end = match[1];
            if (then != null) {
                end = followedWithin(message, scan.text, then, end, rule.within());
                if (end < 0) {
                    continue;
                }
            }
            while (start < end && !isContent(scan.text.charAt(start))) {
                start++;
            }
            while (end > start && !isContent(scan.text.charAt(end - 1))) {
                end--;
            }
            if (start == end) {
                continue;
            }
            Finding finding = message.finding(rule.label(), rule.id(), start, end, null);
            if (rule.term() != null) {
                finding = new Finding(finding.label(), finding.rule(), finding.start(), finding.end(), finding.match(),
                        new Term(rule.term(), termValue(finding.match())));
            }
            findings.add(finding);
        }
    }

    /** End of the first {@code then} match starting within {@code within} chars of {@code end}, same sentence; or -1. */
    private static int followedWithin(Message message, String text, PatternIndex then, int end, int within) {
        int sentenceEnd = message.sentenceEnd(Math.max(0, end - 1));
        int from = Math.max(0, end - 1);
        int to = Math.min(text.length(), end + within + MAX_THEN_LENGTH);
        for (int[] match : then.scan(text.substring(from, to)).matches(0)) {
            int thenStart = from + match[0];
            if (thenStart >= end && thenStart <= end + within && thenStart < sentenceEnd) {
                return from + match[1];
            }
        }
        return -1;
    }

    private static boolean isContent(char c) {
        return Character.isLetterOrDigit(c) || c == '@' || c == '+' || c == '¥' || c == '$';
    }

    /** The matched original text, NFKC-normalised (full-width to ASCII), spaces collapsed, kept short. */
    private static String termValue(String matched) {
        String value = NFKC.normalize(matched).strip();
        return value.length() > MAX_TERM_LENGTH ? value.substring(0, MAX_TERM_LENGTH) : value;
    }

    /**
     * Drops what the sentence around a finding contradicts: rule citations and refusals for contact and deal
     * findings, the job itself for weak contact findings, product prices for amounts, and the fee a scam pitch asks
     * the worker to pay (the job's pay in the same pitch is still a term).
     */
    private List<Finding> inContext(Message message, List<Finding> findings) {
        Set<Integer> scamSentences = new HashSet<>();
        List<Finding> scams = new ArrayList<>();
        List<Finding> fees = new ArrayList<>();
        for (Finding finding : findings) {
            if (finding.label() != Label.SCAM_SIGNAL) {
                continue;
            }
            scamSentences.add(message.sentenceAtOriginal(finding.start()));
            scams.add(finding);
            PatternRule rule = rulesById.get(finding.rule());
            if (rule != null && rule.fee()) {
                fees.add(finding);
            }
        }
        List<Finding> kept = new ArrayList<>();
        for (Finding finding : findings) {
            int sentenceId = message.sentenceAtOriginal(finding.start());
            Label label = finding.label();
            if ((label == Label.CONTACT_EXCHANGE || label == Label.OFF_PLATFORM_DEAL)
                    && message.sentenceHas(lexicon.citation, sentenceId)) {
                continue;
            }
            PatternRule rule = rulesById.get(finding.rule());
            boolean weak = rule != null ? rule.weak() : finding.rule().equals(PaymentTermDetector.RULE);
            if (weak && message.sentenceHas(lexicon.job, sentenceId)) {
                continue;
            }
            if (label == Label.NEGOTIATION) {
                TermType type = finding.term().type();
                if (scamSentences.contains(sentenceId) && (type == TermType.PAYMENT || isBareWord(finding)
                        || isNear(message, finding, sentenceId, fees, FEE_GAP)
                        || type == TermType.DEADLINE && isNear(message, finding, sentenceId, scams, 0))) {
                    continue;
                }
                if ((type == TermType.AMOUNT || type == TermType.RATE || type == TermType.OTHER)
                        && message.sentenceHas(lexicon.productPrice, sentenceId)) {
                    continue;
                }
            }
            kept.add(finding);
        }
        return kept;
    }

    /** A term word without a figure (報酬, 料金): in a scam pitch it names the bait, not a term. */
    private static boolean isBareWord(Finding finding) {
        return finding.term().type() == TermType.OTHER && finding.match().chars().noneMatch(Character::isDigit);
    }

    /**
     * Whether the finding overlaps one of {@code others} or stands at most {@code gap} chars from it in the same
     * sentence: an amount next to a fee the worker is asked to pay (登録料3,000円) is that fee, and 締め切り inside
     * 本日締め切り is the pressure, not a deadline of the job.
     */
    private static boolean isNear(Message message, Finding finding, int sentenceId, List<Finding> others, int gap) {
        for (Finding other : others) {
            int distance = Math.max(other.start(), finding.start()) - Math.min(other.end(), finding.end());
            if (distance <= gap && message.sentenceAtOriginal(other.start()) == sentenceId) {
                return true;
            }
        }
        return false;
    }

    /** Sorted by position; a finding inside another of the same label (and term type) is left out. */
    private static List<Finding> distinct(List<Finding> findings) {
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Comparator.comparingInt(Finding::start).thenComparing(Comparator.comparingInt(Finding::end).reversed()));
        List<Finding> result = new ArrayList<>();
        for (Finding finding : sorted) {
            boolean inside = false;
            for (Finding other : result) {
                if (other.label() == finding.label() && other.start() <= finding.start() && other.end() >= finding.end()
                        && (other.term() == null || finding.term() == null || other.term().type() == finding.term().type())) {
                    inside = true;
                    break;
                }
            }
            if (!inside) {
                result.add(finding);
            }
        }
        return result;
    }
}
