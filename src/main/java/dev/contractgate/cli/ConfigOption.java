package dev.contractgate.cli;

import dev.contractgate.config.ConfigLoader;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --config FILE}, shared by the commands that read the configuration. */
public final class ConfigOption {
    @Option(names = "--config", paramLabel = "FILE",
            description = "configuration file (default: $CONTRACTGATE_CONFIG, else config/contractgate.yml)")
    Path file;

    ConfigLoader.Loaded load(Map<String, String> env) {
        return new ConfigLoader().load(file, env);
    }
}
