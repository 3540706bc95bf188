package dev.contractgate.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.contractgate.validation.ControlCharacters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads {@code config/contractgate.yml} (or {@code --config FILE} / {@code CONTRACTGATE_CONFIG}), applies the
 * environment overrides, and refuses anything it does not understand: an unknown key, a value of the wrong type
 * or out of range, or a secret written into the file. Every problem names the setting.
 */
public final class ConfigLoader {
    public static final String CONFIG_ENV = "CONTRACTGATE_CONFIG";
    public static final Path DEFAULT_FILE = Path.of("config", "contractgate.yml");

    /** Environment variable → setting it overrides (interface.md, "Configuration"). */
    public static final Map<String, String> OVERRIDES = orderedMap(
            "CONTRACTGATE_PORT", "server.port",
            "CONTRACTGATE_DB_URL", "database.url",
            "CONTRACTGATE_DB_USER", "database.user",
            "CONTRACTGATE_LANG", "language",
            "CONTRACTGATE_PUBLIC_URL", "pages.public_url",
            "CHATWORK_API_URL", "chatwork.api_url",
            "CHATWORK_BOT_ACCOUNT_ID", "chatwork.bot_account_id",
            "MSTEAMS_APP_ID", "msteams.app_id",
            "MSTEAMS_TENANT_ID", "msteams.tenant_id",
            "MSTEAMS_OPENID_METADATA_URL", "msteams.openid_metadata_url",
            "MSTEAMS_TOKEN_URL", "msteams.token_url",
            "MSTEAMS_SERVICE_URL_HOSTS", "msteams.service_url_hosts",
            "LINE_API_URL", "line.api_url");

    /** Settings that would hold a secret: refused in the file, with the variable to use instead. */
    private static final Map<String, String> SECRET_PATHS = orderedMap(
            "database.password", Secrets.DB_PASSWORD,
            "operator_key", Secrets.OPERATOR_KEY,
            "chatwork.api_token", Secrets.CHATWORK_API_TOKEN,
            "chatwork.webhook_tokens", Secrets.CHATWORK_WEBHOOK_TOKENS,
            "chatwork.webhook_token", Secrets.CHATWORK_WEBHOOK_TOKENS,
            "msteams.app_password", Secrets.MSTEAMS_APP_PASSWORD,
            "msteams.password", Secrets.MSTEAMS_APP_PASSWORD,
            "line.channel_secret", Secrets.LINE_CHANNEL_SECRET,
            "line.channel_access_token", Secrets.LINE_CHANNEL_ACCESS_TOKEN);

    /**
     * Settings that moved: the old path is still read, as the new one. Setting both is refused, so a value is never
     * silently ignored.
     */
    public static final Map<String, String> MOVED = orderedMap(
            "outbox.room_post_limit", "chatwork.room_post_limit",
            "outbox.room_post_window", "chatwork.room_post_window");

    private final YAMLMapper mapper = createMapper();

    /** The configuration and where it came from. {@code baseDir} is the folder that holds the messages and lexicons. */
    public record Loaded(AppConfig config, Secrets secrets, Path file, Path baseDir) {
    }

    public Loaded load(Path explicitFile, Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        Path file = explicitFile;
        if (ControlCharacters.problem(env.get(CONFIG_ENV)) != null) {
            throw new ConfigException(CONFIG_ENV + ": " + ControlCharacters.problem(env.get(CONFIG_ENV)));
        }
        if (file == null && env.get(CONFIG_ENV) != null && !env.get(CONFIG_ENV).isBlank()) {
            file = Path.of(env.get(CONFIG_ENV).trim());
        }
        boolean named = file != null;
        if (file == null) {
            file = DEFAULT_FILE;
        }
        ObjectNode tree;
        if (Files.isRegularFile(file)) {
            tree = readTree(file);
        } else if (named) {
            throw new ConfigException("config file " + file + ": not found (given by --config or " + CONFIG_ENV + ")");
        } else {
            tree = JsonNodeFactory.instance.objectNode();
            file = null;
        }
        refuseSecrets(tree, problems);
        refuseControlCharacters(tree, "", problems);
        moveRenamed(tree, problems);
        Map<String, String> origins = applyOverrides(tree, env, problems);
        Secrets secrets = Secrets.fromEnvironment(env, problems);
        AppConfig config = null;
        try {
            config = mapper.treeToValue(tree, AppConfig.class);
        } catch (JsonProcessingException e) {
            problems.add(describe(e, origins));
        }
        if (config != null) {
            for (String problem : config.problems()) {
                problems.add(withOrigin(problem, origins));
            }
            if (secrets.msteamsAppPassword() != null && config.msteams().appId() == null) {
                problems.add(Secrets.MSTEAMS_APP_PASSWORD + ": is set, but MSTEAMS_APP_ID (msteams.app_id) is not: set the bot's App ID");
            }
            if (secrets.msteamsAppPassword() != null && config.msteams().tenantId() == null) {
                problems.add("msteams.tenant_id: the bot posts with a token from its Entra tenant: set MSTEAMS_TENANT_ID "
                        + "to the tenant id (single-tenant bots), or to " + MsTeamsConfig.MULTI_TENANT + " for a legacy multi-tenant bot");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        Path baseDir = file == null ? DEFAULT_FILE.getParent() : file.toAbsolutePath().getParent();
        return new Loaded(config, secrets, file, baseDir);
    }

    /** The effective configuration as YAML, for the start-up log; it holds no secrets by construction. */
    public String describe(AppConfig config) {
        try {
            return mapper.writeValueAsString(config).replaceFirst("^---\\s*\\n", "");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("configuration cannot be written", e);
        }
    }

    private ObjectNode readTree(Path file) {
        JsonNode node;
        try {
            node = mapper.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new ConfigException("config file " + file + ": not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw new ConfigException("config file " + file + ": cannot be read: " + e.getMessage());
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!node.isObject()) {
            throw new ConfigException("config file " + file + ": must be a mapping of settings, not " + node.getNodeType());
        }
        return (ObjectNode) node;
    }

    private static void refuseSecrets(ObjectNode tree, List<String> problems) {
        SECRET_PATHS.forEach((path, variable) -> {
            if (!tree.at("/" + path.replace('.', '/')).isMissingNode()) {
                problems.add(path + ": secrets are read only from the environment; remove it from the file and set "
                        + variable);
                removeAt(tree, path);
            }
        });
    }

    private static void moveRenamed(ObjectNode tree, List<String> problems) {
        MOVED.forEach((oldPath, newPath) -> {
            JsonNode old = tree.at("/" + oldPath.replace('.', '/'));
            if (old.isMissingNode()) {
                return;
            }
            removeAt(tree, oldPath);
            if (!tree.at("/" + newPath.replace('.', '/')).isMissingNode()) {
                problems.add(oldPath + ": moved to " + newPath + ", which is set too; keep only " + newPath);
                return;
            }
            putAt(tree, newPath, old);
        });
    }

    /** Sets a dotted path, creating the mappings on the way. */
    private static void putAt(ObjectNode tree, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            node = child instanceof ObjectNode object ? object : node.putObject(parts[i]);
        }
        node.set(parts[parts.length - 1], value);
    }

    private static Map<String, String> applyOverrides(ObjectNode tree, Map<String, String> env, List<String> problems) {
        Map<String, String> origins = new HashMap<>();
        OVERRIDES.forEach((variable, path) -> {
            String value = env.get(variable);
            if (value == null) {
                return;
            }
            String problem = ControlCharacters.problem(value);
            if (problem != null) {
                problems.add(path + " (from " + variable + "): " + problem);
                return;
            }
            putAt(tree, path, TextNode.valueOf(value.trim()));
            origins.put(path, variable);
        });
        return origins;
    }

    /** The input policy: a setting's text in the file with a control character other than newline and tab is refused. */
    private static void refuseControlCharacters(JsonNode node, String path, List<String> problems) {
        if (node.isTextual()) {
            String problem = ControlCharacters.problem(node.textValue());
            if (problem != null) {
                problems.add(path + ": " + problem);
            }
            return;
        }
        if (node.isObject()) {
            node.properties().forEach(field -> refuseControlCharacters(field.getValue(),
                    path.isEmpty() ? field.getKey() : path + "." + field.getKey(), problems));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                refuseControlCharacters(node.get(i), path + "[" + i + "]", problems);
            }
        }
    }

    private static void removeAt(ObjectNode tree, String path) {
        String[] parts = path.split("\\.");
        JsonNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.path(parts[i]);
        }
        if (node instanceof ObjectNode object) {
            object.remove(parts[parts.length - 1]);
        }
    }

    private static String describe(JsonProcessingException e, Map<String, String> origins) {
        if (!(e instanceof JsonMappingException mapping)) {
            return "configuration: " + e.getOriginalMessage();
        }
        String path = mapping.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        if (e instanceof UnrecognizedPropertyException unknown) {
            String known = unknown.getKnownPropertyIds() == null ? "" : unknown.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            return path + ": unknown setting" + (known.isEmpty() ? "" : " (known here: " + known + ")");
        }
        String label = origins.containsKey(path) ? path + " (from " + origins.get(path) + ")" : path;
        if (e instanceof InvalidFormatException invalid) {
            return label + ": '" + invalid.getValue() + "' is not " + article(invalid.getTargetType());
        }
        if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            return label + ": expected " + article(mismatched.getTargetType());
        }
        return label + ": " + e.getOriginalMessage();
    }

    private static String article(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class) return "a whole number";
        if (type == Duration.class) return "a duration (write e.g. 500ms, 30s, 10m, 24h, 3d)";
        if (type == Boolean.class || type == boolean.class) return "true or false";
        if (type == String.class) return "text";
        if (List.class.isAssignableFrom(type)) return "a list";
        return "a mapping of settings";
    }

    private static String withOrigin(String problem, Map<String, String> origins) {
        int colon = problem.indexOf(':');
        if (colon > 0) {
            String path = problem.substring(0, colon);
            if (origins.containsKey(path)) {
                return path + " (from " + origins.get(path) + ")" + problem.substring(colon);
            }
        }
        return problem;
    }

    private static YAMLMapper createMapper() {
        SimpleModule durations = new SimpleModule("durations");
        durations.addDeserializer(Duration.class, new JsonDeserializer<>() {
            @Override
            public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                if (parser.currentToken() != JsonToken.VALUE_STRING) {
                    return (Duration) context.handleUnexpectedToken(Duration.class, parser);
                }
                String text = parser.getText();
                try {
                    return Durations.parse(text);
                } catch (IllegalArgumentException e) {
                    throw InvalidFormatException.from(parser, e.getMessage(), text, Duration.class);
                }
            }
        });
        durations.addSerializer(Duration.class, new JsonSerializer<>() {
            @Override
            public void serialize(Duration value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(Durations.format(value));
            }
        });
        return YAMLMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .addModule(durations)
                .build();
    }

    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
