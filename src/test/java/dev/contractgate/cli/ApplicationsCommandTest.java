package dev.contractgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contractgate.testing.RunningService;
import dev.contractgate.testing.TestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplicationsCommandTest {
    @TempDir
    Path folder;

    private CliTest.Outcome importFile(TestEnvironment environment, Path file, String... options) {
        String[] command = new String[5 + options.length];
        command[0] = "applications";
        command[1] = "import";
        command[2] = file.toString();
        System.arraycopy(options, 0, command, 3, options.length);
        command[3 + options.length] = "--config";
        command[4 + options.length] = TestEnvironment.projectConfig().toString();
        return CliTest.run(environment.env(), command);
    }

    @Test
    void importsACsvFileIntoTheDatabaseTheServiceUsesAndSaysWhatBecameOfEachLine() throws Exception {
        TestEnvironment environment = new TestEnvironment(folder);
        Path file = folder.resolve("applications.csv");
        Files.writeString(file, "platform,reference,channel,client_account_id,freelancer_account_id,status,valid_until\n"
                + "crowdworks,https://crowdworks.jp/proposals/1,chatwork,2001,1001,confirmed,2030-03-31T23:59:59+09:00\n"
                + "crowdworks,https://crowdworks.jp/proposals/2,chatwork,2002,1001,confirmed,tomorrow\n");

        CliTest.Outcome first = importFile(environment, file);
        CliTest.Outcome again = importFile(environment, file, "--progress");

        assertThat(first.exitCode()).as("a line had errors").isEqualTo(1);
        List<String> results = first.out().lines().toList();
        assertThat(results).hasSize(2);
        assertThat(results.get(0)).isEqualTo("{\"line\":2,\"id\":1,\"outcome\":\"filed\"}");
        assertThat(results.get(1)).startsWith("{\"line\":3,\"errors\":[{\"field\":\"valid_until\"");
        assertThat(first.err()).contains("2 line(s): 1 filed, 0 claim(s) confirmed, 0 already there, 1 with errors")
                .contains("changed nothing");
        assertThat(again.out().lines().toList().get(0)).isEqualTo("{\"line\":2,\"id\":1,\"outcome\":\"existing\"}");
        assertThat(again.err()).contains("[##############################] 2/2 lines");
        try (RunningService service = RunningService.start(environment)) {
            JsonNode application = service.http().get("/api/applications/1", TestEnvironment.OPERATOR_KEY).json();
            assertThat(application.get("status").asText()).isEqualTo("confirmed");
            assertThat(application.get("filed_by").asText()).isEqualTo("operator");
            assertThat(service.http().get("/api/audit", TestEnvironment.OPERATOR_KEY).body())
                    .contains("operator (command line)").contains("imported");
        }
    }

    @Test
    void importsJsonLinesAndExits0WhenEveryLineWasImported() throws Exception {
        TestEnvironment environment = new TestEnvironment(folder);
        Path file = folder.resolve("applications.jsonl");
        Files.writeString(file, "{\"platform\":\"lancers\",\"reference\":\"L-1\",\"channel\":\"chatwork\","
                + "\"client_account_id\":\"2001\",\"freelancer_account_id\":\"1001\"}\n");

        CliTest.Outcome outcome = importFile(environment, file, "--notify");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out()).contains("\"outcome\":\"filed\"");
        assertThat(outcome.err()).doesNotContain("[#").as("no bar unless asked or on a terminal");
    }

    @Test
    void refusesAFileItCannotReadWithoutTouchingTheDatabase() throws Exception {
        TestEnvironment environment = new TestEnvironment(folder);
        Path file = folder.resolve("applications.csv");
        Files.writeString(file, "platform,colour\ncrowdworks,red\n");

        CliTest.Outcome badHeader = importFile(environment, file);
        CliTest.Outcome missing = importFile(environment, folder.resolve("none.csv"));
        CliTest.Outcome badFormat = importFile(environment, file, "--format", "xml");

        assertThat(badHeader.exitCode()).isEqualTo(1);
        assertThat(badHeader.err()).contains("column 'colour'");
        assertThat(folder.resolve("contractgate.db")).doesNotExist();
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("none.csv");
        assertThat(badFormat.exitCode()).isEqualTo(2);
    }
}
