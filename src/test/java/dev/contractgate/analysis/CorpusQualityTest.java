package dev.contractgate.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall per label, for Japanese and English, on every labelled set: the corpus (fails below its bar),
 * the held-out sets, the writers' messages the model is trained on, and the dev estimate (every writer scored by
 * a model trained without it; fails below the bars). Prints every table.
 */
class CorpusQualityTest {
    private static Analyzer analyzer;

    @BeforeAll
    static void load() {
        analyzer = Analyzer.load(Path.of("config", "analysis"));
    }

    @Test
    void corpusMeetsThePrecisionAndRecallBar() throws Exception {
        List<LabelledCorpus.Entry> entries = LabelledCorpus.load("/analysis/corpus.txt");
        List<LabelledCorpus.Result> results = LabelledCorpus.run(analyzer, entries);
        System.out.println(LabelledCorpus.table("corpus", results));
        for (LabelledCorpus.Result result : results) {
            if (!result.correct()) {
                System.out.println("MISS line " + result.entry().line() + " expected " + result.entry().labels()
                        + " found " + result.found() + ": " + result.entry().text().replace("\n", "\\n")
                        + "\n    " + result.analysis().findings());
            }
        }
        Map<Label, LabelledCorpus.Score> scores = LabelledCorpus.score(results);
        assertThat(entries).hasSizeGreaterThanOrEqualTo(300);
        assertThat(entries.stream().filter(entry -> entry.labels().isEmpty()).count())
                .isGreaterThanOrEqualTo(Math.round(entries.size() * 0.4));
        assertThat(scores.get(Label.CONTACT_EXCHANGE).precision()).as("contact_exchange precision").isGreaterThanOrEqualTo(0.95);
        assertThat(scores.get(Label.CONTACT_EXCHANGE).recall()).as("contact_exchange recall").isGreaterThanOrEqualTo(0.90);
        for (Label label : List.of(Label.NEGOTIATION, Label.OFF_PLATFORM_DEAL, Label.SCAM_SIGNAL)) {
            assertThat(scores.get(label).precision()).as(label.id() + " precision").isGreaterThanOrEqualTo(0.90);
            assertThat(scores.get(label).recall()).as(label.id() + " recall").isGreaterThanOrEqualTo(0.85);
        }
    }

    /**
     * Rebuilds the model from the committed data exactly as {@code TrainModel} does and checks it is the model that
     * ships (the build is reproducible), then holds the out-of-writer scores (every writer scored by the model
     * trained without it: voices the model has not seen) to the bars.
     */
    @Test
    void rebuildsTheShippedModelAndMeetsTheBarsOnWritersItHasNotSeen() throws Exception {
        Analyzer rules = Analyzer.loadRules(Path.of("config", "analysis"));
        List<LabelledMessages.Entry> always = read(Path.of("src/test/resources/analysis/corpus.txt"));
        List<Path> writerFiles;
        try (var files = java.nio.file.Files.list(Path.of("src/test/resources/analysis/writers"))) {
            writerFiles = files.filter(file -> file.toString().endsWith(".txt")).sorted().toList();
        }
        List<List<LabelledMessages.Entry>> writers = new java.util.ArrayList<>();
        for (Path file : writerFiles) {
            writers.add(read(file));
        }
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        ModelTrainer.Result result = new ModelTrainer(rules, dev.contractgate.chatwork.ChatworkNotation::notOwnWords,
                ModelTrainer.Settings.DEFAULTS).train(always, writers, new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8));
        java.io.ByteArrayOutputStream rebuilt = new java.io.ByteArrayOutputStream();
        ModelTrainer.write(result.trained(), rebuilt);
        assertThat(rebuilt.toByteArray()).as("the committed model is what TrainModel builds from the committed data")
                .isEqualTo(java.nio.file.Files.readAllBytes(Path.of("config/analysis", LabelModel.FILE)));

        List<LabelledMessages.Entry> pooled = new java.util.ArrayList<>();
        List<java.util.Set<Label>> found = new java.util.ArrayList<>();
        for (int k = 0; k < writers.size(); k++) {
            pooled.addAll(writers.get(k));
            found.addAll(result.outOfWriter().get(k));
        }
        System.out.println(log.toString(java.nio.charset.StandardCharsets.UTF_8));
        System.out.println(ModelTrainer.table("dev (every writer scored by the model trained without it)", pooled, found));
        Map<Label, ModelTrainer.Score> scores = ModelTrainer.scores(pooled, found, null);
        double macro = scores.values().stream().mapToDouble(ModelTrainer.Score::f1).average().orElse(0);
        assertThat(scores.get(Label.CONTACT_EXCHANGE).precision()).as("contact_exchange precision on dev").isGreaterThanOrEqualTo(0.95);
        assertThat(macro).as("macro F1 on dev").isGreaterThanOrEqualTo(DEV_MACRO_F1);
        for (Label label : Label.values()) {
            assertThat(scores.get(label).f1()).as(label.id() + " F1 on dev").isGreaterThanOrEqualTo(DEV_LABEL_F1);
        }
    }

    /**
     * Just under where the learned layer stands on the twenty-eight writers, each unseen (macro F1 0.836, off-platform
     * deals 0.766 the weakest): a change that loses ground fails. The pool grows harder as voices join (six writers
     * gave 0.871, sixteen 0.835), so the bars follow the pool, not the other way round; on the sixteen writers of
     * before the model now stands at 0.842. The target is 0.92 (issue 13).
     */
    private static final double DEV_MACRO_F1 = 0.83;
    private static final double DEV_LABEL_F1 = 0.76;

    private static List<LabelledMessages.Entry> read(Path file) throws java.io.IOException {
        return LabelledMessages.parse(file.toString(), java.nio.file.Files.readString(file));
    }

    /** The shipped model on every set: the project's own (trained on), the held-out ones, and each writer's. */
    @Test
    void reportsEverySet() throws Exception {
        List<String> sets = new java.util.ArrayList<>(List.of("corpus.txt", "holdout.txt", "fresh.txt", "unseen.txt"));
        try (var files = java.nio.file.Files.list(Path.of("src/test/resources/analysis/writers"))) {
            files.map(file -> "writers/" + file.getFileName()).sorted().forEach(sets::add);
        }
        // written by new writers after the model was frozen, scored once
        if (java.nio.file.Files.exists(Path.of("src/test/resources/analysis/test.txt"))) {
            sets.add("test.txt");
        }
        for (String set : sets) {
            List<LabelledMessages.Entry> entries = read(Path.of("src/test/resources/analysis", set));
            System.out.println(ModelTrainer.table(set + (set.startsWith("writers/") ? " (trained on)" : ""), entries,
                    ModelTrainer.run(analyzer, dev.contractgate.chatwork.ChatworkNotation::notOwnWords, entries)));
        }
        assertThat(sets).hasSizeGreaterThan(4);
    }

    /**
     * Only the numbers: reading their misses would turn them into training data. holdout.txt was written with
     * the corpus, before any rule; fresh.txt after the first rules (it then guided one round of broadening);
     * unseen.txt after the rules were done, and scored once.
     */
    @Test
    void heldOutSetsAreScoredSeparately() throws Exception {
        List<LabelledCorpus.Entry> heldOut = LabelledCorpus.load("/analysis/holdout.txt");
        System.out.println(LabelledCorpus.table("held-out", LabelledCorpus.run(analyzer, heldOut)));
        List<LabelledCorpus.Entry> fresh = LabelledCorpus.load("/analysis/fresh.txt");
        System.out.println(LabelledCorpus.table("fresh", LabelledCorpus.run(analyzer, fresh)));
        List<LabelledCorpus.Entry> unseen = LabelledCorpus.load("/analysis/unseen.txt");
        System.out.println(LabelledCorpus.table("unseen", LabelledCorpus.run(analyzer, unseen)));
        assertThat(heldOut).hasSizeGreaterThanOrEqualTo(80);
    }
}
