package dev.contractgate.web;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.contractgate.registry.ApplicationImporter;
import dev.contractgate.registry.NewApplication;
import dev.contractgate.validation.FieldError;
import dev.contractgate.validation.InvalidInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads an import file into lines: JSON Lines (one {@code POST /api/applications} body per line) or CSV (a header row
 * of those field names, then one application per row; an empty cell is an absent field). Blank lines are skipped;
 * line numbers count every line of the file, the CSV header being line 1. A problem with the file as a whole (not
 * text, an unknown column, too many lines) is a 400 for all of it; a problem with one line is that line's errors.
 */
public final class ApplicationLines {
    /** The formats, by media type. */
    public enum Format {
        JSON_LINES, CSV;

        /** The format a {@code Content-Type} names, or null when it names none of ours. */
        public static Format of(String contentType) {
            String type = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            return switch (type) {
                case "application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/json-lines" -> JSON_LINES;
                case "text/csv" -> CSV;
                default -> null;
            };
        }

        /** The format a file name suggests ({@code .csv}; anything else is read as JSON Lines). */
        public static Format ofFileName(String name) {
            return name.toLowerCase(Locale.ROOT).endsWith(".csv") ? CSV : JSON_LINES;
        }
    }

    private static final CsvMapper CSV = new CsvMapper();

    private final ObjectMapper json;

    public ApplicationLines(ObjectMapper json) {
        this.json = json;
    }

    /** The lines of a file in {@code charset} (UTF-8 unless its Content-Type says otherwise). */
    public List<ApplicationImporter.Line> read(byte[] body, Charset charset, Format format) {
        String text = decode(body, charset);
        List<ApplicationImporter.Line> lines = format == Format.CSV ? csv(text) : jsonLines(text);
        if (lines.size() > ApplicationImporter.MAX_LINES) {
            throw new InvalidInputException("body", "holds " + lines.size() + " applications; at most "
                    + ApplicationImporter.MAX_LINES + " are imported at once: split the file");
        }
        return lines;
    }

    private List<ApplicationImporter.Line> jsonLines(String text) {
        List<ApplicationImporter.Line> lines = new ArrayList<>();
        int number = 0;
        for (String line : text.split("\r?\n", -1)) {
            number++;
            if (!line.isBlank()) {
                lines.add(line(number, line.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
        }
        return lines;
    }

    private List<ApplicationImporter.Line> csv(String text) {
        List<ApplicationImporter.Line> lines = new ArrayList<>();
        try (CsvParser parser = CSV.getFactory().createParser(text)) {
            parser.setSchema(CsvSchema.emptySchema().withHeader());
            parser.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
            parser.enable(CsvParser.Feature.TRIM_SPACES);
            JsonToken token = parser.nextToken();
            if (token == null) {
                return lines;
            }
            checkHeader(parser.getSchema());
            while (token == JsonToken.START_OBJECT) {
                ObjectNode row = json.createObjectNode();
                int number = 0;
                while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                    number = number == 0 ? parser.currentTokenLocation().getLineNr() : number;
                    String name = parser.currentName();
                    String value = parser.nextTextValue();
                    if (value != null && !value.isEmpty()) {
                        row.put(name, value);
                    }
                }
                if (!row.isEmpty()) {
                    lines.add(line(number, json.writeValueAsBytes(row)));
                }
                token = parser.nextToken();
            }
        } catch (IOException e) {
            throw new InvalidInputException("body", "not readable as CSV: " + e.getMessage());
        }
        return lines;
    }

    private static void checkHeader(CsvSchema header) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (CsvSchema.Column column : header) {
            String name = column.getName();
            if (!ApplicationsApi.FIELDS.contains(name)) {
                errors.add(new FieldError("header", "column '" + name + "' is not a field of POST /api/applications "
                        + "(use " + String.join(", ", ApplicationsApi.FIELDS.stream().sorted().toList()) + ")"));
            } else if (!names.add(name)) {
                errors.add(new FieldError("header", "column '" + name + "' appears twice"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("the CSV header row is not usable", errors);
        }
    }

    private ApplicationImporter.Line line(int number, byte[] jsonBody) {
        JsonInput body;
        try {
            body = JsonInput.read(json, jsonBody, ApplicationsApi.FIELDS);
        } catch (InvalidInputException e) {
            return new ApplicationImporter.Line(number, null, e.errors());
        }
        NewApplication application = ApplicationsApi.application(body);
        return new ApplicationImporter.Line(number, application, body.errors().list());
    }

    private static String decode(byte[] body, Charset charset) {
        try {
            String text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("body", "is not " + charset.name() + " text (save the file as UTF-8, or name "
                    + "its charset in the Content-Type)");
        }
    }
}
