package dev.contractgate.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contractgate.analysis.Analysis;
import dev.contractgate.Main;
import dev.contractgate.chatwork.ChatworkNotation;
import dev.contractgate.analysis.Analyzer;
import dev.contractgate.analysis.Finding;
import dev.contractgate.analysis.SplitDetailTracker;
import dev.contractgate.config.AnalysisConfig;
import dev.contractgate.config.ConfigLoader;
import dev.contractgate.validation.FieldErrors;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code scan}: message analysis from stdin to stdout, one JSON line per input line (interface.md, "scan"). */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"Analyse messages read from stdin, one per line, and write one JSON line per message to stdout.",
            "jsonl input: {\"id\": string, \"text\": string, \"room\"?: string or number, \"sender\"?: string or number,"
                + " \"time\"?: RFC 3339};"
                + " with room and sender, a sender's consecutive messages are read together (split details).",
            "text input: every line is a message; ids are line numbers from 1.",
            "Output: {\"id\", \"labels\", \"findings\": [{\"label\", \"rule\", \"start\", \"end\", \"match\"}]};"
                + " a line that is not valid input gives {\"id\", \"error\"} and the scan goes on."})
final class ScanCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ScanCommand.class);

    enum Format { jsonl, text }

    private final Map<String, String> env;
    private final InputStream in;
    private final OutputStream out;
    private final ObjectMapper json = new ObjectMapper();

    @Mixin
    ConfigOption config;

    @Option(names = "--format", paramLabel = "jsonl|text", description = "input format (default: ${DEFAULT-VALUE})")
    Format format = Format.jsonl;

    ScanCommand(Map<String, String> env, InputStream in, OutputStream out) {
        this.env = env;
        this.in = in;
        this.out = out;
    }

    @Override
    public Integer call() {
        ConfigLoader.Loaded loaded = config.load(env);
        AnalysisConfig settings = loaded.config().analysis();
        Analyzer analyzer = Main.loadAnalyzer(settings, loaded.baseDir());
        SplitDetailTracker tracker = new SplitDetailTracker(analyzer, settings.splitWindow(), settings.splitMaxMessages());
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        long lineNumber = 0;
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                writer.write(scanLine(line, lineNumber, analyzer, tracker));
                writer.write('\n');
                // Flush only when the input pauses: a pipe full of lines is written in large blocks (a flush per
                // line cost seven times the analysis), while someone typing still sees each answer at once.
                if (!reader.ready()) {
                    writer.flush();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("stdin cannot be read (line " + (lineNumber + 1) + ")", e);
        } finally {
            flushQuietly(writer);
        }
        log.debug("scanned {} lines", lineNumber);
        return Cli.OK;
    }

    private static void flushQuietly(Writer writer) {
        try {
            writer.flush();
        } catch (IOException e) {
            log.debug("stdout closed before the last results were written", e);
        }
    }

    private String scanLine(String line, long lineNumber, Analyzer analyzer, SplitDetailTracker tracker) {
        if (format == Format.text) {
            return result(String.valueOf(lineNumber), analyzer.analyze(line, ChatworkNotation.notOwnWords(line), null));
        }
        JsonNode message;
        try {
            message = json.readTree(line);
        } catch (JsonProcessingException e) {
            return error(null, "not JSON: " + e.getOriginalMessage());
        }
        if (message == null || !message.isObject()) {
            return error(null, "expected a JSON object {\"id\", \"text\"}");
        }
        JsonNode idNode = message.path("id");
        String id = idNode.isTextual() || idNode.isNumber() ? idNode.asText() : null;
        if (id == null) {
            return error(null, "\"id\" must be a string");
        }
        JsonNode text = message.path("text");
        if (!text.isTextual()) {
            return error(id, "\"text\" must be a string");
        }
        String room;
        String sender;
        try {
            room = idField(message, "room");
            sender = idField(message, "sender");
        } catch (IllegalArgumentException e) {
            return error(id, e.getMessage());
        }
        if (room != null && sender != null) {
            Instant sentAt;
            try {
                sentAt = message.path("time").isTextual() ? Instant.parse(message.get("time").asText())
                        : Instant.EPOCH.plusSeconds(lineNumber);
            } catch (DateTimeParseException e) {
                return error(id, "\"time\" must be an RFC 3339 time such as 2026-01-31T09:00:00Z");
            }
            if (sentAt.isBefore(FieldErrors.EARLIEST) || sentAt.isAfter(FieldErrors.LATEST)) {
                return error(id, "\"time\" must be in the years 0001 to 9999");
            }
            return result(id, tracker.analyze(room, sender, sentAt, text.asText(),
                    ChatworkNotation.notOwnWords(text.asText())));
        }
        return result(id, analyzer.analyze(text.asText(), ChatworkNotation.notOwnWords(text.asText()), null));
    }

    /** A room or sender id: a string, or a number as channels such as Chatwork write them (12345 reads as "12345"). */
    private static String idField(JsonNode message, String field) {
        JsonNode node = message.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        throw new IllegalArgumentException("\"" + field + "\" must be a string or a whole number");
    }

    private String result(String id, Analysis analysis) {
        return write(generator -> {
            generator.writeStringField("id", id);
            generator.writeArrayFieldStart("labels");
            for (var label : analysis.labels()) {
                generator.writeString(label.id());
            }
            generator.writeEndArray();
            generator.writeArrayFieldStart("findings");
            for (Finding finding : analysis.findings()) {
                generator.writeStartObject();
                generator.writeStringField("label", finding.label().id());
                generator.writeStringField("rule", finding.rule());
                generator.writeNumberField("start", finding.start());
                generator.writeNumberField("end", finding.end());
                generator.writeStringField("match", finding.match());
                generator.writeEndObject();
            }
            generator.writeEndArray();
        });
    }

    private String error(String id, String message) {
        return write(generator -> {
            generator.writeStringField("id", id);
            generator.writeStringField("error", message);
        });
    }

    private interface Fields {
        void write(JsonGenerator generator) throws IOException;
    }

    private String write(Fields fields) {
        StringWriter line = new StringWriter();
        try (JsonGenerator generator = json.getFactory().createGenerator(line)) {
            generator.writeStartObject();
            fields.write(generator);
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return line.toString();
    }
}
