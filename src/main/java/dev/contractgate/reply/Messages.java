package dev.contractgate.reply;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.contractgate.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bot's message templates in one language ({@code config/messages/<lang>.yml}), checked when loaded: every
 * required template exists and uses only known placeholders. Where the wording differs by channel (what the chat
 * service is called, how to address the bot), templates use the placeholders of the file's {@code channels} table:
 * the channel's own entry, else its {@code default} entry.
 */
public final class Messages {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");
    private static final Pattern CONDITION = Pattern.compile("^\\?([a-z_]+)(?: (.*))?$");

    /** The file's shape. */
    record File(String listSeparator, Map<String, String> separators, String dateFormat,
                Map<String, String> defaults, Map<String, Map<String, String>> channels, Map<String, Template> templates,
                Map<String, String> words) {
    }

    /** The entry of the {@code channels} table used for a channel that has none of its own. */
    public static final String DEFAULT_CHANNEL = "default";

    /** One template. */
    public record Template(String title, String text) {
    }

    /** A filled-in template. */
    public record Rendered(String title, String text) {
    }

    private final String language;
    private final String listSeparator;
    private final Map<String, String> separators;
    private final DateTimeFormatter dates;
    private final Map<String, String> defaults;
    private final Map<String, Map<String, String>> channels;
    private final Map<String, Template> templates;
    private final Map<String, String> words;

    private Messages(String language, File file, DateTimeFormatter dates) {
        this.language = language;
        this.listSeparator = file.listSeparator();
        this.separators = file.separators() == null ? Map.of() : Map.copyOf(file.separators());
        this.dates = dates;
        this.defaults = file.defaults() == null ? Map.of() : Map.copyOf(file.defaults());
        Map<String, Map<String, String>> byChannel = new java.util.HashMap<>();
        if (file.channels() != null) {
            Map<String, String> fallback = file.channels().getOrDefault(DEFAULT_CHANNEL, Map.of());
            file.channels().forEach((channel, words) -> {
                Map<String, String> merged = new java.util.HashMap<>(this.defaults);
                merged.putAll(fallback);
                merged.putAll(words);
                byChannel.put(channel, Map.copyOf(merged));
            });
        }
        this.channels = Map.copyOf(byChannel);
        this.templates = Map.copyOf(file.templates());
        this.words = file.words() == null ? Map.of() : Map.copyOf(file.words());
    }

    /**
     * Loads {@code <configDir>/messages/<language>.yml}, or the copy inside the jar when the folder has none.
     *
     * @param required the templates that must exist
     * @param placeholders the placeholders templates may use
     * @param requiredWords the entries of {@code words} that must exist
     * @throws ConfigException naming the file, the template and the problem
     */
    public static Messages load(Path configDir, String language, ZoneId zone, Set<String> required, Set<String> placeholders,
                                Set<String> requiredWords) {
        Path path = configDir.resolve("messages").resolve(language + ".yml");
        String source = Files.isRegularFile(path) ? path.toString() : "default-config/messages/" + language + ".yml (in the jar)";
        File file;
        try (InputStream in = Files.isRegularFile(path) ? Files.newInputStream(path)
                : Messages.class.getClassLoader().getResourceAsStream("default-config/messages/" + language + ".yml")) {
            if (in == null) {
                throw new ConfigException("messages: no file for language '" + language + "' (" + path + ")");
            }
            file = YAMLMapper.builder()
                    .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .build()
                    .readValue(in, File.class);
        } catch (IOException e) {
            throw new ConfigException("messages " + source + ": cannot be read: " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        if (file.templates() == null) {
            throw new ConfigException("messages " + source + ": has no templates");
        }
        for (String name : new TreeSet<>(required)) {
            Template template = file.templates().get(name);
            if (template == null || template.text() == null || template.text().isBlank()) {
                problems.add("messages " + source + ": template '" + name + "' is missing or has no text");
            }
        }
        Set<String> channelWords = new TreeSet<>();
        if (file.channels() != null) {
            Map<String, String> fallback = file.channels().get(DEFAULT_CHANNEL);
            if (fallback == null) {
                problems.add("messages " + source + ": channels: the '" + DEFAULT_CHANNEL + "' entry is missing");
            } else {
                channelWords.addAll(fallback.keySet());
                file.channels().forEach((channel, words) -> words.keySet().stream()
                        .filter(word -> !fallback.containsKey(word))
                        .forEach(word -> problems.add("messages " + source + ": channels." + channel + "." + word
                                + ": not in channels." + DEFAULT_CHANNEL + " (known: " + fallback.keySet() + ")")));
            }
        }
        Set<String> known = new java.util.HashSet<>(placeholders);
        known.addAll(channelWords);
        for (String word : new TreeSet<>(requiredWords)) {
            if (file.words() == null || file.words().get(word) == null || file.words().get(word).isBlank()) {
                problems.add("messages " + source + ": words: '" + word + "' is missing");
            }
        }
        file.templates().forEach((name, template) -> {
            String all = (template.title() == null ? "" : template.title()) + "\n" + (template.text() == null ? "" : template.text());
            Matcher matcher = PLACEHOLDER.matcher(all);
            while (matcher.find()) {
                if (!known.contains(matcher.group(1))) {
                    problems.add("messages " + source + ": template '" + name + "' uses unknown placeholder {"
                            + matcher.group(1) + "} (known: " + new TreeSet<>(known) + ")");
                }
            }
        });
        DateTimeFormatter dates = null;
        try {
            dates = DateTimeFormatter.ofPattern(file.dateFormat() == null ? "yyyy-MM-dd" : file.dateFormat()).withZone(zone);
        } catch (IllegalArgumentException | DateTimeException e) {
            problems.add("messages " + source + ": date_format is not valid: " + e.getMessage());
        }
        if (file.listSeparator() == null) {
            problems.add("messages " + source + ": list_separator is missing");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Messages(language, file, dates);
    }

    public String language() {
        return language;
    }

    /**
     * Fills in a template for a reply on {@code channel}. A value is text, a list of texts or an {@link Instant}; a
     * missing one falls back to the channel's words, then to the defaults.
     */
    public Rendered render(String channel, String name, Map<String, ?> params) {
        Template template = templates.get(name);
        if (template == null) {
            throw new IllegalArgumentException("no message template '" + name + "' in " + language);
        }
        Map<String, String> fallback = channelWords(channel);
        return new Rendered(fill(template.title() == null ? "" : template.title(), params, fallback),
                fill(template.text(), params, fallback));
    }

    private String fill(String text, Map<String, ?> params, Map<String, String> defaults) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            Matcher condition = CONDITION.matcher(line);
            if (condition.matches()) {
                if (format(condition.group(1), params.get(condition.group(1))).isEmpty()) {
                    continue;
                }
                line = condition.group(2) == null ? "" : condition.group(2);
            }
            Matcher matcher = PLACEHOLDER.matcher(line);
            StringBuilder filled = new StringBuilder();
            while (matcher.find()) {
                String value = format(matcher.group(1), params.get(matcher.group(1)));
                if (value.isEmpty()) {
                    value = defaults.getOrDefault(matcher.group(1), "");
                }
                matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
            }
            matcher.appendTail(filled);
            out.append(filled).append('\n');
        }
        return out.toString().strip();
    }

    /** An entry of the {@code words} table; the key itself when it has none. */
    public String word(String key) {
        return words.getOrDefault(key, key);
    }

    /** An entry of the {@code words} table in the words of a channel (its {@code {room}}, {@code {to_bot}}…). */
    public String word(String channel, String key) {
        return fill(word(key), Map.of(), channelWords(channel));
    }

    private Map<String, String> channelWords(String channel) {
        return channels.getOrDefault(channel, channels.getOrDefault(DEFAULT_CHANNEL, defaults));
    }

    /** A date or time written the language's way. */
    public String date(java.time.temporal.TemporalAccessor value) {
        return dates.format(value);
    }

    private String format(String name, Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Instant || value instanceof java.time.LocalDate) {
            return dates.format((java.time.temporal.TemporalAccessor) value);
        }
        if (value instanceof List<?> list) {
            return String.join(separators.getOrDefault(name, listSeparator),
                    list.stream().map(item -> format(name, item)).toList());
        }
        return value.toString();
    }
}
