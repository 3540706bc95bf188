package dev.contractgate.analysis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * Trains the learned layer on top of the rules, reproducibly: logistic regression per label with AdaGrad over the
 * hashed {@link Features}, the weights averaged over the second half of the epochs, examples shuffled with a fixed
 * seed (each fit its own, so folds fitted side by side give the same bytes); then the three thresholds of each label
 * chosen on the dev set (F1 at its best, contact exchange held to a precision floor).
 */
public final class ModelTrainer {
    /** How the training runs; the defaults are what the committed model was built with. */
    public record Settings(long seed, int epochs, double learningRate, double l2, double contactPrecisionFloor,
            int minThreadedLength) {
        public static final Settings DEFAULTS = new Settings(20261201L, 20, 0.1, 1e-4, 0.96, 20);
    }

    /** Scores of one label on a set. */
    public record Score(int truePositives, int falsePositives, int falseNegatives) {
        public double precision() {
            return truePositives + falsePositives == 0 ? 1.0 : (double) truePositives / (truePositives + falsePositives);
        }

        public double recall() {
            return truePositives + falseNegatives == 0 ? 1.0 : (double) truePositives / (truePositives + falseNegatives);
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    private final Analyzer rules;
    private final Function<String, BitSet> notOwnWords;
    private final Settings settings;

    /** @param notOwnWords the channel's notation in the labelled texts (Chatwork's, as they are written) */
    public ModelTrainer(Analyzer analyzer, Function<String, BitSet> notOwnWords, Settings settings) {
        this.rules = analyzer.rulesOnly();
        this.notOwnWords = notOwnWords;
        this.settings = settings;
    }

    /**
     * What one labelled message gives the threshold search: the model's probabilities (read in its conversation, and
     * alone; null when it has none) and what the rules found.
     */
    private record Scored(LabelledMessages.Entry entry, double[] probabilities, double[] alone, boolean[] kept,
            boolean[] dropped, boolean[] split) {
    }

    /**
     * What training gives: the model trained on everything, and the labels found for each message of each writer by
     * the model trained without that writer (with the thresholds chosen on those out-of-writer scores).
     */
    public record Result(Analyzer trained, List<List<Set<Label>>> outOfWriter) {
    }

    /**
     * Trains with every writer held out in turn, chooses the thresholds on the pooled out-of-writer scores (an
     * honest estimate of voices the model has not seen), then trains the model that ships on all of them.
     *
     * @param always messages always trained on (the project's own corpus)
     * @param writers one list per independent writer
     */
    public Result train(List<LabelledMessages.Entry> always, List<List<LabelledMessages.Entry>> writers,
            java.io.PrintStream log) {
        // first each message alone; what those models find out of writer is the conversation the second stage reads
        log.println("stage 1: each message alone");
        Result alone = train(always, writers, entry -> Set.of(), log);
        java.util.Map<LabelledMessages.Entry, Set<Label>> context = contexts(writers, alone.outOfWriter());
        log.println("stage 2: each message after what was found in the last messages of its conversation");
        return train(always, writers, entry -> context.getOrDefault(entry, Set.of()), log);
    }

    /**
     * What a model finds in the last {@link SplitDetailTracker#CONTEXT_MESSAGES} messages of each message's
     * conversation, as the split tracker tells the service's model (the labels found out of writer, as the service
     * finds them in voices it was not trained on).
     */
    private static java.util.Map<LabelledMessages.Entry, Set<Label>> contexts(List<List<LabelledMessages.Entry>> writers,
            List<List<Set<Label>>> found) {
        java.util.Map<LabelledMessages.Entry, Set<Label>> context = new java.util.IdentityHashMap<>();
        for (int k = 0; k < writers.size(); k++) {
            java.util.Map<String, java.util.ArrayDeque<Set<Label>>> recent = new java.util.HashMap<>();
            for (int i = 0; i < writers.get(k).size(); i++) {
                LabelledMessages.Entry entry = writers.get(k).get(i);
                if (entry.readIn() == null) {
                    continue;
                }
                java.util.ArrayDeque<Set<Label>> last = recent.computeIfAbsent(entry.readIn(), room -> new java.util.ArrayDeque<>());
                context.put(entry, SplitDetailTracker.union(last));
                SplitDetailTracker.keep(last, found.get(k).get(i));
            }
        }
        return context;
    }

    private Result train(List<LabelledMessages.Entry> always, List<List<LabelledMessages.Entry>> writers,
            Function<LabelledMessages.Entry, Set<Label>> context, java.io.PrintStream log) {
        // what the model reads of each message is the same in every fold: read once
        java.util.Map<LabelledMessages.Entry, Features> features = new java.util.IdentityHashMap<>();
        for (LabelledMessages.Entry entry : all(always, writers)) {
            features.put(entry, rules.features(entry.text(), notOwnWords.apply(entry.text()), context.apply(entry)));
        }
        // the folds and the model on everything are independent (each its own seeded shuffle): fitted side by side,
        // gathered in writer order, so the result does not depend on how many cores there are
        int folds = writers.size();
        List<LabelModel> fitted = inParallel(folds + 1, k -> new LabelModel(fit(k == folds ? all(always, writers)
                : without(always, writers, k), features, log)));
        List<LabelModel> heldOut = fitted.subList(0, folds);
        LabelModel model = fitted.get(folds);
        List<Scored> pooled = new ArrayList<>();
        inParallel(folds, k -> score(rules.withModel(heldOut.get(k)), heldOut.get(k), writers.get(k))).forEach(pooled::addAll);
        fitStack(model, pooled);
        List<Scored> stacked = new ArrayList<>();
        for (Scored scored : pooled) {
            // as the analyser decides: the conversation only adds a label
            double[] probabilities = model.stacked(scored.probabilities(), scored.kept(), scored.dropped());
            if (scored.alone() != null) {
                LabelModel.onlyAdd(probabilities, model.stacked(scored.alone(), scored.kept(), scored.dropped()));
            }
            stacked.add(new Scored(scored.entry(), probabilities, null, scored.kept(), scored.dropped(), scored.split()));
        }
        for (Label label : Label.values()) {
            choose(model, label, stacked, log);
        }
        for (LabelModel fold : heldOut) {
            System.arraycopy(model.keptThreshold, 0, fold.keptThreshold, 0, LabelModel.LABELS);
            System.arraycopy(model.droppedThreshold, 0, fold.droppedThreshold, 0, LabelModel.LABELS);
            System.arraycopy(model.aloneThreshold, 0, fold.aloneThreshold, 0, LabelModel.LABELS);
            for (int label = 0; label < LabelModel.LABELS; label++) {
                System.arraycopy(model.stack[label], 0, fold.stack[label], 0, LabelModel.STACK_INPUTS);
            }
        }
        List<List<Set<Label>>> outOfWriter = inParallel(folds, k -> run(rules.withModel(heldOut.get(k)), notOwnWords,
                writers.get(k)));
        return new Result(rules.withModel(model), outOfWriter);
    }

    /**
     * The second stage, fitted on the out-of-writer first-stage scores (so it learns how the first stage errs on
     * voices it has not seen): logistic regression per label, full-batch gradient descent, deterministic.
     */
    private static void fitStack(LabelModel model, List<Scored> pooled) {
        int inputs = LabelModel.STACK_INPUTS;
        double[][] x = new double[pooled.size()][];
        for (int i = 0; i < x.length; i++) {
            Scored scored = pooled.get(i);
            x[i] = LabelModel.stackInputs(scored.probabilities(), scored.kept(), scored.dropped());
        }
        for (int label = 0; label < LabelModel.LABELS; label++) {
            double[] w = new double[inputs];
            w[label] = 1;
            for (int iteration = 0; iteration < STACK_ITERATIONS; iteration++) {
                double[] gradient = new double[inputs];
                for (int i = 0; i < x.length; i++) {
                    double sum = 0;
                    for (int k = 0; k < inputs; k++) {
                        sum += w[k] * x[i][k];
                    }
                    double error = 1 / (1 + Math.exp(-sum)) - (pooled.get(i).entry().labels().contains(Label.values()[label]) ? 1 : 0);
                    for (int k = 0; k < inputs; k++) {
                        gradient[k] += error * x[i][k] / x.length;
                    }
                }
                for (int k = 0; k < inputs; k++) {
                    w[k] -= STACK_RATE * (gradient[k] + STACK_L2 * w[k]);
                }
            }
            for (int k = 0; k < inputs; k++) {
                model.stack[label][k] = (float) w[k];
            }
        }
    }

    private static final int STACK_ITERATIONS = 400;
    private static final double STACK_RATE = 0.3;
    private static final double STACK_L2 = 1e-3;

    /** {@code task(0)} … {@code task(count - 1)} on every core, in that order. */
    private static <T> List<T> inParallel(int count, java.util.function.IntFunction<T> task) {
        return java.util.stream.IntStream.range(0, count).parallel().mapToObj(task).toList();
    }

    /** The corpus and every writer but {@code k}. */
    private static List<LabelledMessages.Entry> without(List<LabelledMessages.Entry> always,
            List<List<LabelledMessages.Entry>> writers, int k) {
        List<LabelledMessages.Entry> train = new ArrayList<>(always);
        for (int other = 0; other < writers.size(); other++) {
            if (other != k) {
                train.addAll(writers.get(other));
            }
        }
        return train;
    }

    private static List<LabelledMessages.Entry> all(List<LabelledMessages.Entry> always,
            List<List<LabelledMessages.Entry>> writers) {
        List<LabelledMessages.Entry> all = new ArrayList<>(always);
        writers.forEach(all::addAll);
        return all;
    }

    private float[] fit(List<LabelledMessages.Entry> train, java.util.Map<LabelledMessages.Entry, Features> read,
            java.io.PrintStream log) {
        List<int[]> examples = new ArrayList<>();
        List<float[]> values = new ArrayList<>();
        List<boolean[]> targets = new ArrayList<>();
        for (LabelledMessages.Entry entry : train) {
            if (entry.threaded() && entry.text().strip().length() < settings.minThreadedLength()) {
                continue;
            }
            Features features = read.get(entry);
            examples.add(features.ids());
            values.add(features.values());
            boolean[] target = new boolean[LabelModel.LABELS];
            for (Label label : entry.labels()) {
                target[label.ordinal()] = true;
            }
            targets.add(target);
        }
        log.printf(Locale.ROOT, "training on %d messages (%d given), %d epochs, seed %d%n", examples.size(), train.size(),
                settings.epochs(), settings.seed());
        return fit(examples, values, targets);
    }

    private float[] fit(List<int[]> examples, List<float[]> values, List<boolean[]> targets) {
        int labels = LabelModel.LABELS;
        float[] weights = new float[Features.SIZE * labels];
        float[] squares = new float[Features.SIZE * labels];
        int[] order = new int[examples.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random random = new Random(settings.seed());
        double[] average = new double[weights.length];
        int averaged = 0;
        double rate = settings.learningRate();
        double l2 = settings.l2();
        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
            for (int index : order) {
                int[] ids = examples.get(index);
                float[] x = values.get(index);
                boolean[] target = targets.get(index);
                for (int label = 0; label < labels; label++) {
                    double sum = 0;
                    for (int f = 0; f < ids.length; f++) {
                        sum += weights[ids[f] * labels + label] * x[f];
                    }
                    double gradient = 1 / (1 + Math.exp(-sum)) - (target[label] ? 1 : 0);
                    for (int f = 0; f < ids.length; f++) {
                        int at = ids[f] * labels + label;
                        double g = gradient * x[f] + l2 * weights[at];
                        squares[at] += (float) (g * g);
                        weights[at] -= (float) (rate * g / Math.sqrt(squares[at] + 1e-8));
                    }
                }
            }
            if (epoch >= settings.epochs() / 2) {
                for (int i = 0; i < weights.length; i++) {
                    average[i] += weights[i];
                }
                averaged++;
            }
        }
        // the average of the weights over the second half of the epochs: steadier than where the last step left them
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) (average[i] / averaged);
        }
        for (int i = 0; i < weights.length; i++) {
            if (Math.abs(weights[i]) < 1e-4) {
                weights[i] = 0;
            }
        }
        return weights;
    }

    /** Dev messages in order, conversations read through a split tracker as the service reads them. */
    private List<Scored> score(Analyzer learned, LabelModel model, List<LabelledMessages.Entry> entries) {
        SplitDetailTracker tracker = new SplitDetailTracker(learned, Duration.ofMinutes(3), 4);
        Instant time = Instant.parse("2026-01-01T00:00:00Z");
        List<Scored> scored = new ArrayList<>();
        java.util.Map<String, java.util.ArrayDeque<Set<Label>>> recent = new java.util.HashMap<>();
        for (LabelledMessages.Entry entry : entries) {
            time = time.plusSeconds(1);
            BitSet hidden = notOwnWords.apply(entry.text());
            java.util.ArrayDeque<Set<Label>> last = entry.readIn() == null ? new java.util.ArrayDeque<>()
                    : recent.computeIfAbsent(entry.readIn(), room -> new java.util.ArrayDeque<>());
            Set<Label> context = SplitDetailTracker.union(last);
            Analyzer.Evidence evidence = rules.evidence(entry.text(), hidden);
            Features features = learned.features(entry.text(), hidden, context);
            double[] readAlone = features.contextFrom() < 0 ? null : new double[LabelModel.LABELS];
            double[] probabilities = model.probabilities(features, readAlone);
            boolean[] kept = new boolean[LabelModel.LABELS];
            boolean[] dropped = new boolean[LabelModel.LABELS];
            boolean[] split = new boolean[LabelModel.LABELS];
            evidence.kept().forEach(finding -> kept[finding.label().ordinal()] = true);
            evidence.raw().stream().filter(finding -> !kept[finding.label().ordinal()] && !evidence.kept().contains(finding))
                    .forEach(finding -> dropped[finding.label().ordinal()] = true);
            if (entry.readIn() != null) {
                Analysis alone = learned.analyze(entry.text(), hidden, null, context);
                // the tracker reads the message after what it found in the room's last ones, as kept here
                Analysis inRoom = tracker.analyze(entry.readIn(), entry.readFrom(), time, entry.text(), hidden);
                SplitDetailTracker.keep(last, inRoom.labels());
                if (entry.threaded()) {
                    // what reading the thread adds to the message alone (with the thresholds of the moment)
                    inRoom.labels().stream().filter(label -> !alone.has(label))
                            .forEach(label -> split[label.ordinal()] = true);
                }
            }
            scored.add(new Scored(entry, probabilities, readAlone, kept, dropped, split));
        }
        return scored;
    }

    private static final float[] GRID = grid();

    private static float[] grid() {
        float[] grid = new float[19];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = 0.05f * (i + 1);
        }
        return grid;
    }

    /** The thresholds with the best F1 on dev (ties: the one closest to 0.5); contact exchange above its floor. */
    private void choose(LabelModel model, Label label, List<Scored> dev, java.io.PrintStream log) {
        int index = label.ordinal();
        double floor = label == Label.CONTACT_EXCHANGE ? settings.contactPrecisionFloor() : 0;
        float[] best = {0.5f, 0.5f, 0.5f};
        double bestF1 = -1;
        double bestDistance = Double.MAX_VALUE;
        Score bestScore = null;
        // the precision floor, or the best precision any thresholds reach when none reaches the floor
        double bestPrecision = 0;
        for (float kept : GRID) {
            for (float dropped : GRID) {
                for (float alone : GRID) {
                    if (alone >= kept) {
                        bestPrecision = Math.max(bestPrecision, evaluate(dev, index, kept, dropped, alone).precision());
                    }
                }
            }
        }
        for (float kept : GRID) {
            for (float dropped : GRID) {
                for (float alone : GRID) {
                    if (alone < kept) {
                        continue;
                    }
                    Score score = evaluate(dev, index, kept, dropped, alone);
                    double distance = Math.abs(kept - 0.5) + Math.abs(dropped - 0.5) + Math.abs(alone - 0.5);
                    boolean meetsFloor = score.precision() >= Math.min(floor, bestPrecision);
                    boolean better = meetsFloor && (score.f1() > bestF1 + 1e-9
                            || Math.abs(score.f1() - bestF1) <= 1e-9 && distance < bestDistance);
                    if (better) {
                        bestF1 = score.f1();
                        bestDistance = distance;
                        best = new float[] {kept, dropped, alone};
                        bestScore = score;
                    }
                }
            }
        }
        model.keptThreshold[index] = best[0];
        model.droppedThreshold[index] = best[1];
        model.aloneThreshold[index] = best[2];
        if (bestScore != null) {
            log.printf(Locale.ROOT, "%-17s thresholds kept %.2f dropped %.2f alone %.2f: dev P %.3f R %.3f F1 %.3f%n",
                    label.id(), best[0], best[1], best[2], bestScore.precision(), bestScore.recall(), bestScore.f1());
        }
    }

    private static Score evaluate(List<Scored> dev, int index, float kept, float dropped, float alone) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (Scored scored : dev) {
            float threshold = scored.kept()[index] ? kept : scored.dropped()[index] ? dropped : alone;
            boolean found = scored.split()[index] || scored.probabilities()[index] >= threshold;
            boolean expected = scored.entry().labels().contains(Label.values()[index]);
            if (found && expected) {
                tp++;
            } else if (found) {
                fp++;
            } else if (expected) {
                fn++;
            }
        }
        return new Score(tp, fp, fn);
    }

    /**
     * Runs every entry in order (conversations and threads through a split tracker, as the service reads a room) and
     * returns the labels found for each.
     */
    public static List<Set<Label>> run(Analyzer analyzer, Function<String, BitSet> notOwnWords,
            List<LabelledMessages.Entry> entries) {
        SplitDetailTracker tracker = new SplitDetailTracker(analyzer, Duration.ofMinutes(3), 4);
        Instant time = Instant.parse("2026-01-01T00:00:00Z");
        List<Set<Label>> found = new ArrayList<>();
        for (LabelledMessages.Entry entry : entries) {
            time = time.plusSeconds(1);
            BitSet hidden = notOwnWords.apply(entry.text());
            Analysis analysis = entry.readIn() != null
                    ? tracker.analyze(entry.readIn(), entry.readFrom(), time, entry.text(), hidden)
                    : analyzer.analyze(entry.text(), hidden, null);
            found.add(analysis.labels().isEmpty() ? EnumSet.noneOf(Label.class) : EnumSet.copyOf(analysis.labels()));
        }
        return found;
    }

    /** Per-label scores of found against expected labels, for the entries of one language (null: all). */
    public static java.util.Map<Label, Score> scores(List<LabelledMessages.Entry> entries, List<Set<Label>> found,
            String language) {
        java.util.Map<Label, Score> scores = new java.util.EnumMap<>(Label.class);
        for (Label label : Label.values()) {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (int i = 0; i < entries.size(); i++) {
                if (language != null && !entries.get(i).language().equals(language)) {
                    continue;
                }
                boolean expected = entries.get(i).labels().contains(label);
                boolean isFound = found.get(i).contains(label);
                tp += expected && isFound ? 1 : 0;
                fp += !expected && isFound ? 1 : 0;
                fn += expected && !isFound ? 1 : 0;
            }
            scores.put(label, new Score(tp, fp, fn));
        }
        return scores;
    }

    /** A table of per-label scores for ja, en and both, with the macro F1 of each. */
    public static String table(String title, List<LabelledMessages.Entry> entries, List<Set<Label>> found) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s: %d messages%n", title, entries.size()));
        out.append(String.format(Locale.ROOT, "| %-4s | %-17s | %4s | %3s | %3s | %9s | %6s | %5s |%n",
                "lang", "label", "TP", "FP", "FN", "precision", "recall", "F1"));
        for (String language : new String[] {"ja", "en", null}) {
            java.util.Map<Label, Score> scores = scores(entries, found, language);
            double macro = 0;
            for (java.util.Map.Entry<Label, Score> score : scores.entrySet()) {
                Score s = score.getValue();
                macro += s.f1() / scores.size();
                out.append(String.format(Locale.ROOT, "| %-4s | %-17s | %4d | %3d | %3d | %9.3f | %6.3f | %5.3f |%n",
                        language == null ? "all" : language, score.getKey().id(), s.truePositives(), s.falsePositives(),
                        s.falseNegatives(), s.precision(), s.recall(), s.f1()));
            }
            out.append(String.format(Locale.ROOT, "| %-4s | %-17s | %4s | %3s | %3s | %9s | %6s | %5.3f |%n",
                    language == null ? "all" : language, "macro F1", "", "", "", "", "", macro));
        }
        return out.toString();
    }

    /** The model of a trained analyser, to write out. */
    public static void write(Analyzer trained, java.io.OutputStream out) throws java.io.IOException {
        trained.model().write(out);
    }
}
