package dev.contractgate.cli;

import dev.contractgate.analysis.Analyzer;
import dev.contractgate.analysis.LabelledMessages;
import dev.contractgate.analysis.ModelTrainer;
import dev.contractgate.chatwork.ChatworkNotation;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds the learned model of the message analysis (config/analysis/label-model.bin) from the labelled sets,
 * reproducibly (fixed seed; the folds run side by side, with the same bytes on any number of cores): every writer's file under src/test/resources/analysis/writers is held out
 * in turn to choose the thresholds, then the model is trained on all of them and corpus.txt. Run from the project
 * folder: {@code mvn -B -q -Pmodel -DskipTests verify}, or {@code java -cp target/contractgate.jar
 * dev.contractgate.cli.TrainModel [--lexicon DIR] [--out FILE] [--always FILE,…] [--writers DIR]}. A developer's
 * tool, not a command of the service.
 */
public final class TrainModel {
    static final String RESOURCES = "src/test/resources/analysis/";


    private TrainModel() {
    }

    public static void main(String[] args) throws IOException {
        Path lexicon = Path.of("config", "analysis");
        Path out = lexicon.resolve("label-model.bin");
        List<String> always = List.of(RESOURCES + "corpus.txt");
        Path writers = Path.of(RESOURCES + "writers");
        Path errors = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--lexicon" -> lexicon = Path.of(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                case "--always" -> always = List.of(args[i + 1].split(","));
                case "--writers" -> writers = Path.of(args[i + 1]);
                case "--errors" -> errors = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (known: --lexicon, --out, --always, --writers, --errors)");
            }
        }
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("every option takes a value");
        }
        Analyzer rules = Analyzer.loadRules(lexicon);
        List<LabelledMessages.Entry> alwaysEntries = read(always);
        List<String> writerFiles;
        try (var files = Files.list(writers)) {
            writerFiles = files.map(Path::toString).filter(name -> name.endsWith(".txt")).sorted().toList();
        }
        List<List<LabelledMessages.Entry>> writerEntries = new ArrayList<>();
        for (String file : writerFiles) {
            writerEntries.add(read(List.of(file)));
        }
        ModelTrainer.Settings defaults = ModelTrainer.Settings.DEFAULTS;
        ModelTrainer.Settings settings = new ModelTrainer.Settings(defaults.seed(),
                Integer.getInteger("train.epochs", defaults.epochs()),
                Double.parseDouble(System.getProperty("train.rate", String.valueOf(defaults.learningRate()))),
                Double.parseDouble(System.getProperty("train.l2", String.valueOf(defaults.l2()))),
                Double.parseDouble(System.getProperty("train.floor", String.valueOf(defaults.contactPrecisionFloor()))),
                defaults.minThreadedLength());
        ModelTrainer trainer = new ModelTrainer(rules, ChatworkNotation::notOwnWords, settings);
        ModelTrainer.Result result = trainer.train(alwaysEntries, writerEntries, System.out);
        List<LabelledMessages.Entry> pooled = new ArrayList<>();
        List<java.util.Set<dev.contractgate.analysis.Label>> found = new ArrayList<>();
        for (int k = 0; k < writerFiles.size(); k++) {
            System.out.print(ModelTrainer.table(writerFiles.get(k) + ", scored by the model trained without it",
                    writerEntries.get(k), result.outOfWriter().get(k)));
            pooled.addAll(writerEntries.get(k));
            found.addAll(result.outOfWriter().get(k));
        }
        System.out.print(ModelTrainer.table("dev: every writer scored by the model trained without it", pooled, found));
        System.out.print(ModelTrainer.table("dev, rules alone", pooled, ModelTrainer.run(rules, ChatworkNotation::notOwnWords, pooled)));
        if (errors != null) {
            StringBuilder misses = new StringBuilder();
            for (int i = 0; i < pooled.size(); i++) {
                LabelledMessages.Entry entry = pooled.get(i);
                if (!found.get(i).equals(entry.labels())) {
                    misses.append(entry.source()).append(':').append(entry.line()).append(" expected ").append(entry.labels())
                            .append(" found ").append(found.get(i)).append(entry.threaded() ? " (thread) " : " ")
                            .append(entry.text().replace("\n", "\\n")).append('\n');
                }
            }
            Files.writeString(errors, misses.toString());
        }
        try (OutputStream file = Files.newOutputStream(out)) {
            ModelTrainer.write(result.trained(), file);
        }
        System.out.println("wrote " + out + " (" + Files.size(out) + " bytes)");
    }

    private static List<LabelledMessages.Entry> read(List<String> files) throws IOException {
        List<LabelledMessages.Entry> entries = new ArrayList<>();
        for (String file : files) {
            entries.addAll(LabelledMessages.parse(file, Files.readString(Path.of(file), StandardCharsets.UTF_8)));
        }
        return entries;
    }
}
