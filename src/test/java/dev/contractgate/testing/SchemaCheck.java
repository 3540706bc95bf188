package dev.contractgate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a JSON value against an OpenAPI 3.1 schema, for the subset our document uses: {@code $ref} (local), {@code type}
 * (one or a list, {@code null} included), {@code enum}, {@code const}, {@code properties}, {@code required},
 * {@code additionalProperties} and {@code items}. Returns what does not fit, each with its JSON path.
 */
public final class SchemaCheck {
    private final JsonNode root;

    public SchemaCheck(JsonNode root) {
        this.root = root;
    }

    public List<String> problems(JsonNode value, JsonNode schema) {
        List<String> problems = new ArrayList<>();
        check(value, schema, "$", problems);
        return problems;
    }

    private void check(JsonNode value, JsonNode schema, String path, List<String> problems) {
        if (schema.has("$ref")) {
            check(value, root.at(schema.get("$ref").asText().substring(1)), path, problems);
            return;
        }
        if (schema.has("type") && !typeFits(value, schema.get("type"))) {
            problems.add(path + ": " + value.getNodeType() + " where the document says " + schema.get("type"));
            return;
        }
        if (schema.has("enum") && !value.isNull()) {
            boolean found = false;
            for (JsonNode allowed : schema.get("enum")) {
                found |= allowed.equals(value);
            }
            if (!found) {
                problems.add(path + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (schema.has("const") && !schema.get("const").equals(value)) {
            problems.add(path + ": " + value + " where the document says " + schema.get("const"));
        }
        if (value.isObject()) {
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asText())) {
                    problems.add(path + ": required field " + required.asText() + " is missing");
                }
            }
            JsonNode properties = schema.path("properties");
            JsonNode additional = schema.path("additionalProperties");
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                if (properties.has(field.getKey())) {
                    check(field.getValue(), properties.get(field.getKey()), path + "." + field.getKey(), problems);
                } else if (additional.isObject()) {
                    check(field.getValue(), additional, path + "." + field.getKey(), problems);
                } else if (additional.isBoolean() && !additional.asBoolean()) {
                    problems.add(path + ": field " + field.getKey() + " is not in the document");
                }
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), schema.get("items"), path + "[" + i + "]", problems);
            }
        }
    }

    private static boolean typeFits(JsonNode value, JsonNode type) {
        if (type.isArray()) {
            for (JsonNode one : type) {
                if (typeFits(value, one)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "null" -> value.isNull();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            default -> false;
        };
    }
}
