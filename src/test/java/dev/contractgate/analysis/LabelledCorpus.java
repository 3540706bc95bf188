package dev.contractgate.analysis;

import dev.contractgate.chatwork.ChatworkNotation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The labelled messages under src/test/resources/analysis (format: see the head of corpus.txt) and their scores. */
final class LabelledCorpus {
    record Entry(int line, Set<Label> labels, String room, String sender, String text) {
    }

    record Result(Entry entry, Set<Label> found, Analysis analysis) {
        boolean correct() {
            return found.equals(entry.labels());
        }
    }

    record Score(int truePositives, int falsePositives, int falseNegatives) {
        double precision() {
            return truePositives + falsePositives == 0 ? 1.0 : (double) truePositives / (truePositives + falsePositives);
        }

        double recall() {
            return truePositives + falseNegatives == 0 ? 1.0 : (double) truePositives / (truePositives + falseNegatives);
        }

        double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    private LabelledCorpus() {
    }

    static List<Entry> load(String resource) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (InputStream in = LabelledCorpus.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " not found");
            }
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(" \\| ", 3);
                if (parts.length != 3) {
                    throw new IOException(resource + ":" + (i + 1) + ": expected LABELS | THREAD | TEXT");
                }
                Set<Label> labels = EnumSet.noneOf(Label.class);
                if (!parts[0].equals("-")) {
                    for (String code : parts[0].split(",")) {
                        labels.add(switch (code.trim()) {
                            case "C" -> Label.CONTACT_EXCHANGE;
                            case "N" -> Label.NEGOTIATION;
                            case "O" -> Label.OFF_PLATFORM_DEAL;
                            case "S" -> Label.SCAM_SIGNAL;
                            default -> throw new IOException(resource + ":" + (i + 1) + ": unknown label " + code);
                        });
                    }
                }
                String room = null;
                String sender = null;
                if (!parts[1].equals("-")) {
                    String[] thread = parts[1].split("/", 2);
                    room = thread[0];
                    sender = thread[1];
                }
                entries.add(new Entry(i + 1, labels, room, sender, unescape(parts[2])));
            }
        }
        return entries;
    }

    static String unescape(String text) {
        return LabelledMessages.unescape(text);
    }

    /** Runs every entry in order; threaded entries go through a split tracker, one message a second. */
    static List<Result> run(Analyzer analyzer, List<Entry> entries) {
        SplitDetailTracker tracker = new SplitDetailTracker(analyzer, Duration.ofMinutes(3), 4);
        Instant time = Instant.parse("2026-01-01T00:00:00Z");
        List<Result> results = new ArrayList<>();
        for (Entry entry : entries) {
            time = time.plusSeconds(1);
            // The messages are written as Chatwork delivers them: its notation marks quotes and code.
            java.util.BitSet notOwnWords = ChatworkNotation.notOwnWords(entry.text());
            Analysis analysis = entry.room() == null ? analyzer.analyze(entry.text(), notOwnWords, null)
                    : tracker.analyze(entry.room(), entry.sender(), time, entry.text(), notOwnWords);
            Set<Label> found = analysis.labels().isEmpty() ? EnumSet.noneOf(Label.class) : EnumSet.copyOf(analysis.labels());
            results.add(new Result(entry, found, analysis));
        }
        return results;
    }

    static Map<Label, Score> score(List<Result> results) {
        Map<Label, Score> scores = new EnumMap<>(Label.class);
        for (Label label : Label.values()) {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (Result result : results) {
                boolean expected = result.entry().labels().contains(label);
                boolean found = result.found().contains(label);
                if (expected && found) {
                    tp++;
                } else if (found) {
                    fp++;
                } else if (expected) {
                    fn++;
                }
            }
            scores.put(label, new Score(tp, fp, fn));
        }
        return scores;
    }

    static String table(String title, List<Result> results) {
        Map<Label, Score> scores = score(results);
        long unlabelled = results.stream().filter(result -> result.entry().labels().isEmpty()).count();
        long exact = results.stream().filter(Result::correct).count();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s: %d messages, %d without a label (%.0f%%), %d labelled exactly right%n",
                title, results.size(), unlabelled, 100.0 * unlabelled / results.size(), exact));
        out.append(String.format(Locale.ROOT, "| %-17s | %4s | %3s | %3s | %9s | %6s | %5s |%n",
                "label", "TP", "FP", "FN", "precision", "recall", "F1"));
        for (Map.Entry<Label, Score> entry : scores.entrySet()) {
            Score s = entry.getValue();
            out.append(String.format(Locale.ROOT, "| %-17s | %4d | %3d | %3d | %9.3f | %6.3f | %5.3f |%n",
                    entry.getKey().id(), s.truePositives(), s.falsePositives(), s.falseNegatives(),
                    s.precision(), s.recall(), s.f1()));
        }
        return out.toString();
    }
}
