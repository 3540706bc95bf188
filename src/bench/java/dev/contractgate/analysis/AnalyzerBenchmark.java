package dev.contractgate.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Messages per second on one thread (so per core) for typical 80-character and 1,000-character messages, built
 * from the labelled corpus in its order (greetings, job talk, prices, contact details, scams, as they come).
 * Run: {@code mvn -B -Pbench -DskipTests verify} (see the README).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 3)
public class AnalyzerBenchmark {
    private Analyzer analyzer;
    private String[] typical;
    private String[] long1000;
    private int next;

    @Setup
    public void setUp() throws IOException {
        analyzer = Analyzer.load(Path.of("config", "analysis"));
        List<String> corpus = corpusMessages();
        typical = messagesOf(corpus, 80);
        long1000 = messagesOf(corpus, 1000);
    }

    @Benchmark
    public Analysis typical80Characters() {
        next = (next + 1) % typical.length;
        return analyzer.analyze(typical[next]);
    }

    @Benchmark
    public Analysis long1000Characters() {
        next = (next + 1) % long1000.length;
        return analyzer.analyze(long1000[next]);
    }

    /** Corpus messages joined in order and cut into messages of {@code length} characters. */
    static String[] messagesOf(List<String> corpus, int length) {
        List<String> messages = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int round = 0; messages.size() < 64 && round < 20; round++) {
            for (String message : corpus) {
                current.append(message).append(current.length() > 0 ? "\n" : "");
                if (current.length() >= length) {
                    messages.add(current.substring(0, length));
                    current.setLength(0);
                }
            }
        }
        return messages.toArray(String[]::new);
    }

    private static List<String> corpusMessages() throws IOException {
        try (InputStream in = AnalyzerBenchmark.class.getResourceAsStream("/analysis/corpus.txt")) {
            List<String> messages = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    messages.add(line.split(" \\| ", 3)[2].replace("\\n", "\n"));
                }
            }
            return messages;
        }
    }
}
