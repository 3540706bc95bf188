package dev.contractgate.cli;

import dev.contractgate.Main;
import dev.contractgate.analysis.Analyzer;
import dev.contractgate.analysis.Label;
import dev.contractgate.analysis.LabelledMessages;
import dev.contractgate.analysis.ModelTrainer;
import dev.contractgate.chatwork.ChatworkNotation;
import dev.contractgate.config.AnalysisConfig;
import dev.contractgate.config.ConfigLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code evaluate FILE…}: scores the analyser the configuration loads (the lexicon folder and model the service
 * would use) on labelled files in the format of the project's labelled sets, and prints precision, recall and F1
 * per label for Japanese, English and both, the macro F1 and the contact-exchange precision. A developer's and
 * an operator's tool: it reads only the files named and writes only to stdout.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Score the message analysis on labelled files (one message a line: LABELS | THREAD | TEXT,"
                + " as src/test/resources/analysis/corpus.txt describes at its head).",
            "Prints per label precision, recall and F1 for ja, en and all, then the macro F1 and the contact_exchange"
                + " precision of every file and of all files together."})
final class EvaluateCommand implements Callable<Integer> {
    private final Map<String, String> env;
    private final PrintStream out;

    @Mixin
    ConfigOption config;

    @Option(names = "--misses", description = "also print every message whose labels differ, with what was found"
            + " (not on a test set meant to stay unseen: its misses would become what the rules are tuned on)")
    boolean misses;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "labelled files to score")
    List<Path> files;

    EvaluateCommand(Map<String, String> env, PrintStream out) {
        this.env = env;
        this.out = out;
    }

    @Override
    public Integer call() throws IOException {
        ConfigLoader.Loaded loaded = config.load(env);
        AnalysisConfig settings = loaded.config().analysis();
        Analyzer analyzer = Main.loadAnalyzer(settings, loaded.baseDir());
        List<LabelledMessages.Entry> all = new ArrayList<>();
        List<Set<Label>> allFound = new ArrayList<>();
        for (Path file : files) {
            List<LabelledMessages.Entry> entries = LabelledMessages.parse(file.toString(),
                    Files.readString(file, StandardCharsets.UTF_8));
            // each file is a conversation of its own: threads do not run from one file into the next
            List<Set<Label>> found = ModelTrainer.run(analyzer, ChatworkNotation::notOwnWords, entries);
            out.print(ModelTrainer.table(file.toString(), entries, found));
            out.println(summary(file.toString(), entries, found));
            if (misses) {
                for (int i = 0; i < entries.size(); i++) {
                    LabelledMessages.Entry entry = entries.get(i);
                    if (!found.get(i).equals(entry.labels())) {
                        out.println(entry.source() + ":" + entry.line() + " expected " + codes(entry.labels()) + " found "
                                + codes(found.get(i)) + (entry.threaded() ? " (thread) " : " ") + entry.text().replace("\n", "\\n"));
                    }
                }
            }
            all.addAll(entries);
            allFound.addAll(found);
        }
        if (files.size() > 1) {
            out.print(ModelTrainer.table("all files", all, allFound));
            out.println(summary("all files", all, allFound));
        }
        return Cli.OK;
    }

    /** Labels as the labelled files write them: C, N, O, S, or "-". */
    private static String codes(Set<Label> labels) {
        if (labels.isEmpty()) {
            return "-";
        }
        StringBuilder codes = new StringBuilder();
        for (Label label : labels) {
            codes.append(codes.length() == 0 ? "" : ",").append(switch (label) {
                case CONTACT_EXCHANGE -> "C";
                case NEGOTIATION -> "N";
                case OFF_PLATFORM_DEAL -> "O";
                case SCAM_SIGNAL -> "S";
            });
        }
        return codes.toString();
    }

    static String summary(String title, List<LabelledMessages.Entry> entries, List<Set<Label>> found) {
        Map<Label, ModelTrainer.Score> scores = ModelTrainer.scores(entries, found, null);
        double macro = scores.values().stream().mapToDouble(ModelTrainer.Score::f1).average().orElse(0);
        return String.format(Locale.ROOT, "%s: %d messages, macro F1 %.3f, contact_exchange precision %.3f%n",
                title, entries.size(), macro, scores.get(Label.CONTACT_EXCHANGE).precision());
    }
}
