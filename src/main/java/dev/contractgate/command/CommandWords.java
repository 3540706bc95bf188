package dev.contractgate.command;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.contractgate.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The command words ({@code config/commands.yml}) and the parser that reads a command from the text addressed to the bot. */
public final class CommandWords {
    private final Map<String, Command.Type> words;

    private CommandWords(Map<String, Command.Type> words) {
        this.words = Map.copyOf(words);
    }

    /** Loads {@code <configDir>/commands.yml}, or the copy in the jar; every command must have words, no word two commands. */
    public static CommandWords load(Path configDir) {
        Path path = configDir.resolve("commands.yml");
        Map<String, List<String>> file;
        try (InputStream in = Files.isRegularFile(path) ? Files.newInputStream(path)
                : CommandWords.class.getClassLoader().getResourceAsStream("default-config/commands.yml")) {
            if (in == null) {
                throw new ConfigException("commands: " + path + " not found");
            }
            file = new YAMLMapper().readValue(in, new TypeReference<Map<String, List<String>>>() { });
        } catch (IOException e) {
            throw new ConfigException("commands " + path + ": cannot be read: " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        Map<String, Command.Type> words = new HashMap<>();
        file.forEach((name, list) -> {
            Command.Type type;
            try {
                type = Command.Type.valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add("commands " + path + ": unknown command '" + name + "'");
                return;
            }
            for (String word : list == null ? List.<String>of() : list) {
                Command.Type previous = words.put(normalise(word), type);
                if (previous != null && previous != type) {
                    problems.add("commands " + path + ": '" + word + "' is a word of both " + previous + " and " + type);
                }
            }
        });
        for (Command.Type type : Command.Type.values()) {
            if (type != Command.Type.UNKNOWN && !words.containsValue(type)) {
                problems.add("commands " + path + ": no words for '" + type.name().toLowerCase(Locale.ROOT) + "'");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new CommandWords(words);
    }

    /** The command in a text addressed to the bot: its first word, and the rest as the argument. */
    public Command parse(String text) {
        String trimmed = Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
        if (trimmed.isEmpty()) {
            return new Command(Command.Type.HELP, "", "");
        }
        int space = 0;
        while (space < trimmed.length() && !Character.isWhitespace(trimmed.charAt(space))) {
            space++;
        }
        String word = trimmed.substring(0, space);
        String argument = trimmed.substring(space).strip();
        Command.Type type = words.get(normalise(word));
        if (type == null) {
            // A word glued to its argument, as people type in Japanese: "申請https://…", "申請 123".
            for (Map.Entry<String, Command.Type> entry : words.entrySet()) {
                String key = entry.getKey();
                boolean ascii = key.chars().allMatch(c -> c < 128);
                if (key.length() > 1 && normalise(word).startsWith(key)
                        && !(ascii && Character.isLetter(word.charAt(key.length())))) {
                    return new Command(entry.getValue(), (word.substring(key.length()) + " " + argument).strip(), key);
                }
            }
            return new Command(Command.Type.UNKNOWN, argument, word);
        }
        return new Command(type, argument, word);
    }

    private static String normalise(String word) {
        return Normalizer.normalize(word, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
    }
}
