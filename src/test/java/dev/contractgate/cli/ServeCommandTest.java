package dev.contractgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contractgate.testing.Eventually;
import dev.contractgate.testing.TestEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} as an orchestrator runs it: a process of its own, stopped with SIGTERM. */
@Timeout(120)
class ServeCommandTest {
    @TempDir
    Path folder;

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void exitsWith0AfterACleanStopOnSigterm() throws Exception {
        Path log = folder.resolve("serve.log");
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "dev.contractgate.Main", "serve", "--config", TestEnvironment.projectConfig().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(new TestEnvironment(folder).env());
        Process process = builder.start();
        try {
            Eventually.await("listening", Duration.ofSeconds(90),
                    () -> read(log).contains("listening on port") || !process.isAlive());
            assertThat(process.isAlive()).as(read(log)).isTrue();

            process.destroy(); // SIGTERM

            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped in time").isTrue();
            assertThat(process.exitValue()).as(read(log)).isZero();
            List<String> lines = read(log).lines().toList();
            assertThat(lines).anyMatch(line -> line.contains("stopping")).anyMatch(line -> line.endsWith("stopped"));
        } finally {
            process.destroyForcibly();
        }
    }
}
