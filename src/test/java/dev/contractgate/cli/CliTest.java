package dev.contractgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contractgate.testing.TestEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path folder;

    record Outcome(int exitCode, String out, String err) {
    }

    static Outcome run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void printsHelpForEveryCommand() {
        assertThat(run(Map.of(), "--help").out()).contains("serve").contains("migrate").contains("keys");
        assertThat(run(Map.of(), "serve", "--help").out()).contains("--config");
        assertThat(run(Map.of(), "migrate", "--help").exitCode()).isZero();
    }

    @Test
    void printsTheVersionAndTheCommitOfTheBuild() {
        Outcome outcome = run(Map.of(), "--version");

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out().strip()).matches("contractgate \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit ([0-9a-f]{10}|unknown)(, modified)?\\)");
    }

    @Test
    void refusesALogFormatItDoesNotKnowWithExitCode2() {
        Outcome outcome = run(Map.of("CONTRACTGATE_LOG_FORMAT", "xml"), "--version");

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("CONTRACTGATE_LOG_FORMAT: must be text or json, got 'xml'");
    }

    @Test
    void exitsWith2OnAnUnknownCommandOrOption() {
        assertThat(run(Map.of(), "launch").exitCode()).isEqualTo(2);
        assertThat(run(Map.of(), "serve", "--port", "1").exitCode()).isEqualTo(2);
        assertThat(run(Map.of()).exitCode()).isEqualTo(2);
    }

    @Test
    void exitsWith2OnABadSettingAndNamesIt() {
        Path config = new TestEnvironment(folder).writeConfig("server:\n  port: 99999\n");

        Outcome outcome = run(Map.of(), "serve", "--config", config.toString());

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("server.port").contains("between 0 and 65535");
    }

    @Test
    void exitsWith2OnABadEnvironmentVariable() {
        Outcome outcome = run(Map.of("CHATWORK_BOT_ACCOUNT_ID", "bot"), "migrate", "--config", TestEnvironment.projectConfig().toString());

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("CHATWORK_BOT_ACCOUNT_ID");
    }

    @Test
    void migrateCreatesTheDatabaseAndExits0() {
        Path database = folder.resolve("nested/folder/cg.db");

        Outcome outcome = run(Map.of("CONTRACTGATE_DB_URL", "jdbc:sqlite:" + database), "migrate",
                "--config", TestEnvironment.projectConfig().toString());

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out()).contains("up to date");
        assertThat(database).exists();
    }

    @Test
    void exitsWith1WhenTheDatabaseCannotBeReached() {
        Outcome outcome = run(Map.of("CONTRACTGATE_DB_URL", "jdbc:postgresql://127.0.0.1:1/none"), "migrate",
                "--config", TestEnvironment.projectConfig().toString());

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).contains("migrate failed");
    }
}
