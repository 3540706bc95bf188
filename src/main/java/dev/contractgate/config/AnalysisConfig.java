package dev.contractgate.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Message analysis: where the lexicons are, and how split details are joined.
 *
 * @param lexiconDir       folder of lexicon.yml and patterns.yml, relative to the config file's folder
 * @param splitWindow      how far apart a sender's consecutive messages may be and still be read together
 * @param splitMaxMessages how many consecutive messages are read together, the newest included
 */
public record AnalysisConfig(String lexiconDir, Duration splitWindow, Integer splitMaxMessages) {
    public AnalysisConfig {
        lexiconDir = lexiconDir == null || lexiconDir.isBlank() ? "analysis" : lexiconDir.trim();
        splitWindow = splitWindow == null ? Duration.ofMinutes(3) : splitWindow;
        splitMaxMessages = splitMaxMessages == null ? 4 : splitMaxMessages;
    }

    /** The lexicon folder; relative paths are resolved against {@code baseDir} (the config file's folder). */
    public Path lexiconPath(Path baseDir) {
        Path path = Path.of(lexiconDir);
        return path.isAbsolute() || baseDir == null ? path : baseDir.resolve(path);
    }

    void validate(String path, List<String> problems) {
        try {
            Path.of(lexiconDir);
        } catch (java.nio.file.InvalidPathException e) {
            problems.add(path + ".lexicon_dir: not a folder name: '" + lexiconDir + "'");
        }
        if (splitWindow.toSeconds() < 1 || splitWindow.toHours() > 1) {
            problems.add(path + ".split_window: must be between 1s and 1h, got " + Durations.format(splitWindow));
        }
        if (splitMaxMessages < 1 || splitMaxMessages > 20) {
            problems.add(path + ".split_max_messages: must be between 1 (no joining) and 20, got " + splitMaxMessages);
        }
    }
}
