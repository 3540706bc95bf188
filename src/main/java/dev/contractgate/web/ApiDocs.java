package dev.contractgate.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /openapi.json}: the OpenAPI 3.1 description of the HTTP API (written by hand in {@code openapi.yml} and
 * kept true by a test), with this build's version; and {@code GET /api-docs}, the same rendered as one HTML page on
 * the server (no script, nothing fetched from elsewhere).
 */
public final class ApiDocs {
    static final String RESOURCE = "/openapi.yml";
    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

    private final JsonNode document;
    private final byte[] json;
    private final String page;

    public ApiDocs(ObjectMapper mapper, String version) {
        this.document = load(version);
        try {
            this.json = mapper.writeValueAsBytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.page = render(document);
    }

    /** The document, as served. */
    public JsonNode document() {
        return document;
    }

    public void json(Context ctx) {
        ctx.contentType("application/json").result(json);
    }

    public void page(Context ctx) {
        ctx.contentType("text/html; charset=utf-8").result(page);
    }

    private static JsonNode load(String version) {
        try (InputStream in = ApiDocs.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            JsonNode document = new YAMLMapper().readTree(in);
            ((ObjectNode) document.get("info")).put("version", version);
            return document;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static String render(JsonNode document) {
        StringBuilder html = new StringBuilder(64 * 1024);
        JsonNode info = document.path("info");
        html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(info.path("title").asText())).append("</title><style>")
                .append("body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}")
                .append("code,pre{font-family:ui-monospace,monospace;font-size:13px}h2{margin-top:2.5rem;border-bottom:1px solid #ccc}")
                .append(".op{margin:1.5rem 0;padding:.5rem 1rem;border-left:4px solid #36c;background:#f7f9fc}")
                .append(".m{font-weight:bold;text-transform:uppercase;margin-right:.5rem}table{border-collapse:collapse;margin:.5rem 0}")
                .append("td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left;vertical-align:top}")
                .append("</style></head><body>");
        html.append("<h1>").append(escape(info.path("title").asText())).append(" <small>")
                .append(escape(info.path("version").asText())).append("</small></h1>");
        html.append("<p>").append(escape(info.path("summary").asText())).append("</p>")
                .append(paragraphs(info.path("description").asText()))
                .append("<p>Machine-readable: <a href=\"/openapi.json\">/openapi.json</a> (OpenAPI ")
                .append(escape(document.path("openapi").asText())).append(").</p><h2>Endpoints</h2>");
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation != null) {
                    operation(html, document, method, path.getKey(), path.getValue(), operation);
                }
            }
        }
        html.append("<h2>Schemas</h2>");
        for (Map.Entry<String, JsonNode> schema : document.path("components").path("schemas").properties()) {
            html.append("<h3 id=\"").append(escape(schema.getKey())).append("\">").append(escape(schema.getKey()))
                    .append("</h3>");
            schema(html, schema.getValue());
        }
        return html.append("</body></html>").toString();
    }

    private static void operation(StringBuilder html, JsonNode root, String method, String path, JsonNode pathItem, JsonNode operation) {
        html.append("<div class=\"op\"><p><span class=\"m\">").append(method).append("</span><code>").append(escape(path))
                .append("</code> — ").append(escape(operation.path("summary").asText())).append("</p>")
                .append(paragraphs(operation.path("description").asText()));
        StringBuilder parameters = new StringBuilder();
        for (JsonNode parameter : concat(pathItem.path("parameters"), operation.path("parameters"))) {
            JsonNode resolved = parameter.has("$ref") ? resolve(root, parameter) : parameter;
            parameters.append("<tr><td><code>").append(escape(resolved.path("name").asText())).append("</code></td><td>")
                    .append(escape(resolved.path("in").asText())).append("</td><td>")
                    .append(type(resolved.path("schema"))).append("</td><td>")
                    .append(escape(resolved.path("description").asText())).append("</td></tr>");
        }
        if (!parameters.isEmpty()) {
            html.append("<table><tr><th>parameter</th><th>in</th><th>type</th><th></th></tr>").append(parameters)
                    .append("</table>");
        }
        JsonNode body = operation.path("requestBody");
        if (body.has("$ref")) {
            body = resolve(root, body);
        }
        for (Map.Entry<String, JsonNode> content : body.path("content").properties()) {
            html.append("<p>Body (<code>").append(escape(content.getKey())).append("</code>): ")
                    .append(type(content.getValue().path("schema"))).append("</p>");
        }
        html.append("<table><tr><th>answer</th><th></th><th>body</th></tr>");
        for (Map.Entry<String, JsonNode> response : operation.path("responses").properties()) {
            JsonNode resolved = response.getValue().has("$ref") ? resolve(root, response.getValue()) : response.getValue();
            html.append("<tr><td>").append(escape(response.getKey())).append("</td><td>")
                    .append(escape(resolved.path("description").asText())).append("</td><td>");
            for (Map.Entry<String, JsonNode> content : resolved.path("content").properties()) {
                html.append(type(content.getValue().path("schema"))).append(" <small>").append(escape(content.getKey()))
                        .append("</small> ");
            }
            html.append("</td></tr>");
        }
        html.append("</table></div>");
    }

    private static void schema(StringBuilder html, JsonNode schema) {
        if (!schema.has("properties")) {
            html.append("<p>").append(type(schema)).append("</p>");
            return;
        }
        html.append("<table><tr><th>field</th><th>type</th><th></th></tr>");
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            boolean isRequired = false;
            for (JsonNode name : schema.path("required")) {
                isRequired |= name.asText().equals(property.getKey());
            }
            html.append("<tr><td><code>").append(escape(property.getKey())).append("</code>")
                    .append(isRequired ? " *" : "").append("</td><td>").append(type(property.getValue()))
                    .append("</td><td>").append(escape(property.getValue().path("description").asText()))
                    .append("</td></tr>");
        }
        html.append("</table>");
    }

    /** A schema in a few words: a link to a named one, an array of one, a type with its values. */
    private static String type(JsonNode schema) {
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asText().substring(schema.get("$ref").asText().lastIndexOf('/') + 1);
            return "<a href=\"#" + escape(name) + "\">" + escape(name) + "</a>";
        }
        if ("array".equals(schema.path("type").asText())) {
            return "array of " + type(schema.path("items"));
        }
        String type = schema.path("type").isArray() ? schema.path("type").get(0).asText() + " or null"
                : schema.path("type").asText("any");
        if (schema.has("enum")) {
            StringBuilder values = new StringBuilder();
            schema.get("enum").forEach(value -> values.append(values.isEmpty() ? "" : " | ").append(value.asText()));
            return "<code>" + escape(values.toString()) + "</code>";
        }
        return escape(type) + (schema.has("format") ? " (" + escape(schema.get("format").asText()) + ")" : "");
    }

    /** What a local {@code $ref} ({@code #/components/...}) points to. */
    private static JsonNode resolve(JsonNode root, JsonNode reference) {
        return root.at(reference.get("$ref").asText().substring(1));
    }

    private static List<JsonNode> concat(JsonNode first, JsonNode second) {
        List<JsonNode> all = new java.util.ArrayList<>();
        first.forEach(all::add);
        second.forEach(all::add);
        return all;
    }

    private static String paragraphs(String text) {
        if (text.isBlank()) {
            return "";
        }
        StringBuilder html = new StringBuilder();
        for (String paragraph : text.strip().split("\n\\s*\n")) {
            html.append("<p>").append(escape(paragraph).replaceAll("`([^`]+)`", "<code>$1</code>")).append("</p>");
        }
        return html.toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
