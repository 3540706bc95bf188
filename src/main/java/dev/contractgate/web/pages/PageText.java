package dev.contractgate.web.pages;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.contractgate.config.AppConfig;
import dev.contractgate.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The words of the web pages in every language ({@code config/messages/pages.<lang>.yml}, or the copies in the jar).
 * Every language must have every key the default language has, so no page shows a key instead of a word.
 */
public final class PageText {
    private final Map<String, Map<String, String>> byLanguage;
    private final String defaultLanguage;

    private PageText(Map<String, Map<String, String>> byLanguage, String defaultLanguage) {
        this.byLanguage = Map.copyOf(byLanguage);
        this.defaultLanguage = defaultLanguage;
    }

    /** @param defaultLanguage the language of a page whose visitor asks for none we have */
    public static PageText load(Path configDir, String defaultLanguage) {
        Map<String, Map<String, String>> all = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String language : AppConfig.LANGUAGES) {
            all.put(language, read(configDir, language));
        }
        Map<String, String> reference = all.get(AppConfig.LANGUAGES.get(0));
        all.forEach((language, words) -> {
            for (String key : new TreeSet<>(reference.keySet())) {
                if (words.get(key) == null || words.get(key).isBlank()) {
                    problems.add("messages/pages." + language + ".yml: '" + key + "' is missing");
                }
            }
            for (String key : new TreeSet<>(words.keySet())) {
                if (!reference.containsKey(key)) {
                    problems.add("messages/pages." + language + ".yml: '" + key + "' is not in pages."
                            + AppConfig.LANGUAGES.get(0) + ".yml");
                }
            }
        });
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new PageText(all, defaultLanguage);
    }

    private static Map<String, String> read(Path configDir, String language) {
        Path path = configDir.resolve("messages").resolve("pages." + language + ".yml");
        String resource = "default-config/messages/pages." + language + ".yml";
        try (InputStream in = Files.isRegularFile(path) ? Files.newInputStream(path)
                : PageText.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new ConfigException("messages: no page words for language '" + language + "' (" + path + ")");
            }
            Map<String, String> words = new YAMLMapper().readValue(in, new TypeReference<Map<String, String>>() { });
            return words == null ? Map.of() : Map.copyOf(words);
        } catch (IOException e) {
            throw new ConfigException("messages " + path + ": cannot be read: " + e.getMessage());
        }
    }

    public String defaultLanguage() {
        return defaultLanguage;
    }

    public boolean has(String language) {
        return byLanguage.containsKey(language);
    }

    /** The word for {@code key}, if the language has one. */
    public java.util.Optional<String> find(String language, String key) {
        return java.util.Optional.ofNullable(byLanguage.getOrDefault(language, byLanguage.get(defaultLanguage)).get(key));
    }

    /** The word for {@code key}, with {@code {name}} placeholders filled from {@code params} (name, value, …). */
    public String get(String language, String key, Object... params) {
        String text = byLanguage.getOrDefault(language, byLanguage.get(defaultLanguage)).get(key);
        if (text == null) {
            throw new IllegalArgumentException("no page word '" + key + "'");
        }
        for (int i = 0; i + 1 < params.length; i += 2) {
            text = text.replace("{" + params[i] + "}", String.valueOf(params[i + 1]));
        }
        return text;
    }
}
