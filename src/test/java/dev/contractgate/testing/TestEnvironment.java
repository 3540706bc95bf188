package dev.contractgate.testing;

import dev.contractgate.config.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment and configuration file of a service under test: an SQLite file in a temporary folder, any free
 * port, and whatever variables the test sets. The config file points back at the project's {@code config/} folder
 * for messages and lexicons.
 */
public final class TestEnvironment {
    /** Chatwork's official test vector token (chatwork.md). */
    public static final String WEBHOOK_TOKEN = "A9ne+ygvdV0IZBaPFV2zC1e5Bk+IsI14BPwieRoBQNU=";
    public static final String BOT_ACCOUNT_ID = "9000001";
    public static final String OPERATOR_KEY = "test-operator-key-0123456789abcdef";

    private final Path folder;
    private final Map<String, String> env = new HashMap<>();
    private Path configFile = projectConfig();

    public TestEnvironment(Path folder) {
        this.folder = folder;
        env.put("CONTRACTGATE_PORT", "0");
        env.put("CONTRACTGATE_DB_URL", "jdbc:sqlite:" + folder.resolve("contractgate.db"));
        env.put("CHATWORK_WEBHOOK_TOKENS", WEBHOOK_TOKEN);
        env.put("CHATWORK_BOT_ACCOUNT_ID", BOT_ACCOUNT_ID);
        env.put("CONTRACTGATE_OPERATOR_KEY", OPERATOR_KEY);
    }

    public TestEnvironment set(String variable, String value) {
        env.put(variable, value);
        return this;
    }

    public TestEnvironment unset(String variable) {
        env.remove(variable);
        return this;
    }

    public String get(String variable) {
        return env.get(variable);
    }

    public Map<String, String> env() {
        return Map.copyOf(env);
    }

    public Path folder() {
        return folder;
    }

    /** The configuration file (the project's shipped one unless {@link #useConfig} was called), with this environment's overrides. */
    public ConfigLoader.Loaded load() {
        return new ConfigLoader().load(configFile, env);
    }

    /** Uses a configuration file with these settings; messages and lexicons then come from the defaults in the jar. */
    public TestEnvironment useConfig(String yaml) {
        configFile = writeConfig(yaml);
        return this;
    }

    /** Writes a configuration file into the test folder (for tests of the loader itself). */
    public Path writeConfig(String yaml) {
        try {
            Path file = folder.resolve("contractgate-" + System.nanoTime() + ".yml");
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path projectConfig() {
        return Path.of("config", "contractgate.yml").toAbsolutePath();
    }
}
