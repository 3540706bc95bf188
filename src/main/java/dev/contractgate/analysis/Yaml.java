package dev.contractgate.analysis;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Strict reading of one lexicon file: every problem is collected with the file and the entry it is about. */
final class Yaml {
    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    final String file;
    final List<String> problems;

    Yaml(String file, List<String> problems) {
        this.file = file;
        this.problems = problems;
    }

    /** The parsed document, or null after recording why it cannot be read. */
    JsonNode read(String content) {
        try {
            JsonNode node = MAPPER.readTree(content);
            if (node == null || !node.isObject()) {
                problem("", "must be a mapping");
                return null;
            }
            return node;
        } catch (java.io.IOException e) {
            String location = e instanceof com.fasterxml.jackson.core.JsonProcessingException processing
                    && processing.getLocation() != null ? " (line " + processing.getLocation().getLineNr() + ")" : "";
            String message = e instanceof com.fasterxml.jackson.core.JsonProcessingException processing
                    ? processing.getOriginalMessage() : e.getMessage();
            problem("", "not valid YAML: " + message + location);
            return null;
        }
    }

    void problem(String entry, String message) {
        problems.add(file + (entry.isEmpty() ? "" : ": " + entry) + ": " + message);
    }

    /** Records every key of {@code node} that is not in {@code known}. */
    void onlyKeys(JsonNode node, String entry, Set<String> known) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                problem(join(entry, name), "unknown setting (known here: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        }
    }

    /** A list of non-empty strings at {@code entry}; empty when missing or wrong (the latter recorded). */
    List<String> strings(JsonNode node, String entry, boolean required) {
        List<String> values = new ArrayList<>();
        if (node == null || node.isMissingNode() || node.isNull()) {
            if (required) {
                problem(entry, "missing (a list of texts)");
            }
            return values;
        }
        if (!node.isArray()) {
            problem(entry, "must be a list of texts");
            return values;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isTextual() || item.asText().isBlank()) {
                problem(entry + "[" + i + "]", "must be a non-empty text");
            } else {
                values.add(item.asText());
            }
        }
        return values;
    }

    /** A mapping of name to list of strings. */
    Map<String, List<String>> stringLists(JsonNode node, String entry, boolean required) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (node == null || node.isMissingNode() || node.isNull()) {
            if (required) {
                problem(entry, "missing (a mapping of names to lists)");
            }
            return values;
        }
        if (!node.isObject()) {
            problem(entry, "must be a mapping of names to lists");
            return values;
        }
        node.fields().forEachRemaining(field -> {
            if (!field.getKey().matches("[a-z][a-z0-9_]*")) {
                problem(join(entry, field.getKey()), "names are lower-case letters, digits and _");
            }
            values.put(field.getKey(), strings(field.getValue(), join(entry, field.getKey()), true));
        });
        return values;
    }

    static String join(String entry, String key) {
        return entry.isEmpty() ? key : entry + "." + key;
    }
}
