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
    private SplitDetailTracker rooms;
    private java.time.Instant clock = java.time.Instant.parse("2026-12-01T00:00:00Z");

    @Setup
    public void setUp() throws IOException {
        analyzer = Analyzer.load(Path.of("config", "analysis"));
        List<String> corpus = corpusMessages();
        typical = messagesOf(corpus, 80);
        long1000 = messagesOf(corpus, 1000);
        rooms = new SplitDetailTracker(analyzer, java.time.Duration.ofMinutes(3), 4);
    }

    @Benchmark
    public Analysis typical80Characters() {
        next = (next + 1) % typical.length;
        return analyzer.analyze(typical[next]);
    }

    /**
     * As the service reads them: in rooms of twelve messages, two senders taking turns, each message after what was
     * found in the room's last ones (the model reads it in its conversation and alone) and with the sender's
     * previous one for pieces of a detail.
     */
    @Benchmark
    public Analysis typical80CharactersInARoom() {
        next = (next + 1) % typical.length;
        clock = clock.plusSeconds(20);
        return rooms.analyze("room" + next / 12, next % 2 == 0 ? "client" : "freelancer", clock, typical[next]);
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
