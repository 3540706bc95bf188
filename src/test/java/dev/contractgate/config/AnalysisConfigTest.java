package dev.contractgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalysisConfigTest {
    @TempDir
    Path folder;

    private ConfigLoader.Loaded load(String yaml) throws IOException {
        Path file = folder.resolve("contractgate.yml");
        Files.writeString(file, yaml);
        return new ConfigLoader().load(file, Map.of());
    }

    @Test
    void defaultsToTheAnalysisFolderNextToTheConfigFile() throws IOException {
        ConfigLoader.Loaded loaded = load("language: ja\n");
        AnalysisConfig analysis = loaded.config().analysis();
        assertThat(analysis.lexiconPath(loaded.baseDir())).isEqualTo(folder.toAbsolutePath().resolve("analysis"));
        assertThat(analysis.splitWindow()).isEqualTo(Duration.ofMinutes(3));
        assertThat(analysis.splitMaxMessages()).isEqualTo(4);
    }

    @Test
    void readsEverySettingAndDescribesThem() throws IOException {
        ConfigLoader.Loaded loaded = load("analysis:\n  lexicon_dir: /opt/lexicons\n  split_window: 90s\n  split_max_messages: 2\n");
        AnalysisConfig analysis = loaded.config().analysis();
        assertThat(analysis.lexiconPath(loaded.baseDir())).isEqualTo(Path.of("/opt/lexicons"));
        assertThat(analysis.splitWindow()).isEqualTo(Duration.ofSeconds(90));
        assertThat(new ConfigLoader().describe(loaded.config()))
                .contains("analysis:", "lexicon_dir: \"/opt/lexicons\"", "split_window: \"90s\"", "split_max_messages: 2");
    }

    @Test
    void refusesValuesOutOfRangeNamingTheSetting() {
        assertThatThrownBy(() -> load("analysis:\n  split_window: 0s\n  split_max_messages: 50\n  colour: red\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("analysis.colour: unknown setting");
        assertThatThrownBy(() -> load("analysis:\n  split_window: 0s\n  split_max_messages: 50\n"))
                .hasMessageContaining("analysis.split_window: must be between 1s and 1h, got 0s")
                .hasMessageContaining("analysis.split_max_messages: must be between 1 (no joining) and 20, got 50");
    }

    @Test
    void theShippedConfigFileHoldsTheAnalysisDefaults() throws IOException {
        AnalysisConfig shipped = new ConfigLoader().load(Path.of("config", "contractgate.yml"), Map.of()).config().analysis();
        assertThat(shipped).isEqualTo(new AnalysisConfig(null, null, null));
    }
}
