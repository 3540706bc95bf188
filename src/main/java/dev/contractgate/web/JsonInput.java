package dev.contractgate.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.contractgate.Json;
import dev.contractgate.validation.FieldError;
import dev.contractgate.validation.FieldErrors;
import dev.contractgate.validation.InvalidInputException;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The JSON object body of an API request. A body that is not UTF-8 or not one JSON value is refused at once; after that
 * every unknown field, every value of the wrong type and every string with a control character other than newline
 * and tab is collected in {@link #errors()}, so that one answer names them all. An empty body
 * reads as {@code {}}; a JSON {@code null} reads as an absent field.
 */
final class JsonInput {
    private final JsonNode root;
    private final FieldErrors errors = new FieldErrors();

    private JsonInput(JsonNode root) {
        this.root = root;
    }

    static JsonInput read(ObjectMapper json, byte[] body, Set<String> fields) {
        JsonNode root;
        try {
            root = isBlank(body) ? JsonNodeFactory.instance.objectNode() : json.readTree(Json.utf8(body));
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("body is not JSON", List.of(
                    new FieldError("body", "not valid JSON: " + e.getOriginalMessage())));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("body", "must be a JSON object");
        }
        JsonInput input = new JsonInput(root);
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                input.errors.add(name, "is not a known field");
            }
        }
        return input;
    }

    FieldErrors errors() {
        return errors;
    }

    /** A string field; null when absent or not a string (which is recorded). */
    String text(String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            errors.add(field, "must be a string");
            return null;
        }
        errors.noControls(field, value.textValue());
        return errors.has(field) ? null : value.textValue();
    }

    <E extends Enum<E>> E oneOf(String field, List<E> allowed) {
        return errors.oneOf(field, text(field), allowed);
    }

    Instant time(String field) {
        return errors.time(field, text(field));
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
