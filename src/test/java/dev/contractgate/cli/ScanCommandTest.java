package dev.contractgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanCommandTest {
    private final ObjectMapper json = new ObjectMapper();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path folder;

    private int scan(String input, String... args) {
        return scan(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), args);
    }

    private int scan(InputStream in, String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "scan";
        System.arraycopy(args, 0, command, 1, args.length);
        return Cli.run(command, Map.of(), in, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private List<String> lines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void writesOneJsonLinePerMessageWithFieldsInContractOrder() throws IOException {
        String input = "{\"id\":\"m1\",\"text\":\"LINE IDはtanaka_works77です\",\"lang\":\"ja\",\"extra\":1}\n"
                + "{\"id\":\"m2\",\"text\":\"了解です\"}\n";
        assertThat(scan(input)).isZero();
        List<String> lines = lines();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("{\"id\":\"m1\",\"labels\":[\"contact_exchange\"],\"findings\":[{\"label\":"
                + "\"contact_exchange\",\"rule\":\"contact.handle\",\"start\":0,\"end\":22,\"match\":\"LINE IDはtanaka_works77\"}]}");
        assertThat(lines.get(1)).isEqualTo("{\"id\":\"m2\",\"labels\":[],\"findings\":[]}");
    }

    @Test
    void reportsABadLineAndGoesOn() throws IOException {
        String input = "not json\n{\"id\":\"x\"}\n[1,2]\n{\"text\":\"hi\"}\n{\"id\":\"ok\",\"text\":\"納期は12月15日です\"}\n";
        assertThat(scan(input)).isZero();
        List<JsonNode> results = lines().stream().map(this::parse).toList();
        assertThat(results).hasSize(5);
        assertThat(results.get(0).get("id").isNull()).isTrue();
        assertThat(results.get(0).get("error").asText()).startsWith("not JSON");
        assertThat(results.get(1).get("id").asText()).isEqualTo("x");
        assertThat(results.get(1).get("error").asText()).contains("text");
        assertThat(results.get(2).has("error")).isTrue();
        assertThat(results.get(3).get("id").isNull()).isTrue();
        assertThat(results.get(4).get("labels").get(0).asText()).isEqualTo("negotiation");
    }

    @Test
    void readsPlainTextLinesWithLineNumbersAsIds() {
        assertThat(scan("こんにちは\nメールは a.b@gmail.com です\n", "--format", "text")).isZero();
        List<JsonNode> results = lines().stream().map(this::parse).toList();
        assertThat(results).extracting(result -> result.get("id").asText()).containsExactly("1", "2");
        assertThat(results.get(1).get("findings").get(0).get("match").asText()).isEqualTo("a.b@gmail.com");
    }

    @Test
    void joinsASendersSplitNumberWhenRoomAndSenderAreGiven() {
        String input = "{\"id\":\"1\",\"room\":\"r\",\"sender\":\"a\",\"text\":\"0801\"}\n"
                + "{\"id\":\"2\",\"room\":\"r\",\"sender\":\"a\",\"text\":\"2345678 までお願いします\"}\n";
        assertThat(scan(input)).isZero();
        JsonNode second = parse(lines().get(1));
        assertThat(second.get("findings").get(0).get("rule").asText()).isEqualTo("contact.phone.split");
        assertThat(second.get("findings").get(0).get("match").asText()).isEqualTo("2345678");
    }

    @Test
    void readsRoomAndSenderGivenAsNumbers() {
        String input = "{\"id\":\"1\",\"room\":4711,\"sender\":93,\"text\":\"0801\"}\n"
                + "{\"id\":\"2\",\"room\":4711,\"sender\":93,\"text\":\"2345678 までお願いします\"}\n"
                + "{\"id\":\"3\",\"room\":{\"id\":1},\"sender\":93,\"text\":\"はい\"}\n";
        assertThat(scan(input)).isZero();
        JsonNode second = parse(lines().get(1));
        assertThat(second.get("findings").get(0).get("rule").asText()).isEqualTo("contact.phone.split");
        JsonNode third = parse(lines().get(2));
        assertThat(third.get("error").asText()).isEqualTo("\"room\" must be a string or a whole number");
    }

    @Test
    void answersEachLineWhileTheInputIsStillOpen() throws Exception {
        PipedOutputStream typing = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(typing);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> scan(in, "--format", "text"));
        try {
            typing.write("メールは a.b@gmail.com です\n".getBytes(StandardCharsets.UTF_8));
            typing.flush();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (lines().isEmpty() && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            assertThat(lines()).as("the first answer before the input ends").hasSize(1);
            typing.write("こんにちは\n".getBytes(StandardCharsets.UTF_8));
        } finally {
            typing.close();
        }
        assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(lines()).hasSize(2);
    }

    @Test
    void writesEveryResultOfALongInput() {
        StringBuilder input = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            input.append(i % 2 == 0 ? "了解です\n" : "メールは a.b@gmail.com です\n");
        }
        assertThat(scan(input.toString(), "--format", "text")).isZero();
        List<JsonNode> results = lines().stream().map(this::parse).toList();
        assertThat(results).hasSize(5_000);
        assertThat(results.get(4_999).get("id").asText()).isEqualTo("5000");
        assertThat(results.get(4_999).get("findings").get(0).get("match").asText()).isEqualTo("a.b@gmail.com");
    }

    @Test
    void failsWithExitOneWhenStdinCannotBeRead() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("device gone");
            }
        };
        assertThat(scan(broken)).isEqualTo(Cli.FAILURE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("stdin cannot be read");
    }

    @Test
    void stopsWithExitTwoNamingABrokenLexiconFile() throws IOException {
        Path lexicons = folder.resolve("analysis");
        Files.createDirectories(lexicons);
        Files.writeString(lexicons.resolve("lexicon.yml"), "channels: [");
        Files.writeString(lexicons.resolve("patterns.yml"), "rules: []");
        Files.writeString(folder.resolve("contractgate.yml"), "analysis:\n  lexicon_dir: analysis\n");
        assertThat(scan("", "--config", folder.resolve("contractgate.yml").toString())).isEqualTo(Cli.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("lexicon.yml: not valid YAML");
    }

    @Test
    void stopsWithExitTwoOnABadAnalysisSetting() throws IOException {
        Files.writeString(folder.resolve("contractgate.yml"), "analysis:\n  split_max_messages: 0\n  split_window: 2h\n");
        assertThat(scan("", "--config", folder.resolve("contractgate.yml").toString())).isEqualTo(Cli.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("analysis.split_max_messages: must be between 1", "analysis.split_window: must be between 1s and 1h");
    }

    private JsonNode parse(String line) {
        try {
            return json.readTree(line);
        } catch (IOException e) {
            throw new AssertionError(line, e);
        }
    }
}
