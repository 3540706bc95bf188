package dev.contractgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contractgate.testing.RunningService;
import dev.contractgate.testing.TestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysCommandTest {
    @TempDir
    Path folder;

    private CliTest.Outcome keys(TestEnvironment environment, String... args) {
        String[] command = new String[args.length + 4];
        command[0] = "keys";
        command[1] = "create";
        System.arraycopy(args, 0, command, 2, args.length);
        command[args.length + 2] = "--config";
        command[args.length + 3] = TestEnvironment.projectConfig().toString();
        return CliTest.run(environment.env(), command);
    }

    private static String lastLine(String out) {
        List<String> lines = out.lines().toList();
        return lines.get(lines.size() - 1);
    }

    @Test
    void printsAKeyAloneOnTheLastLineThatThenWorksAgainstTheApi() {
        TestEnvironment environment = new TestEnvironment(folder).unset("CONTRACTGATE_OPERATOR_KEY");

        CliTest.Outcome operator = keys(environment, "--role", "operator", "--name", "ops");
        CliTest.Outcome client = keys(environment, "--role", "client", "--channel", "chatwork", "--account-id", "2001");

        assertThat(operator.exitCode()).as(operator.err()).isZero();
        assertThat(client.exitCode()).as(client.err()).isZero();
        String operatorKey = lastLine(operator.out());
        String clientKey = lastLine(client.out());
        assertThat(operatorKey).matches("cg_[A-Za-z0-9_-]{43}");
        assertThat(client.out()).contains("client key").contains("chatwork:2001");
        try (RunningService service = RunningService.start(environment)) {
            assertThat(service.http().get("/api/audit", operatorKey).status()).isEqualTo(200);
            assertThat(service.http().get("/api/audit", clientKey).status()).isEqualTo(403);
            assertThat(service.http().get("/api/applications", clientKey).status()).isEqualTo(200);
            assertThat(service.http().get("/api/audit", operatorKey).body())
                    .contains("operator (command line)").doesNotContain(operatorKey).doesNotContain(clientKey);
        }
    }

    @Test
    void storesOnlyTheHash() throws Exception {
        TestEnvironment environment = new TestEnvironment(folder);

        String key = lastLine(keys(environment, "--role", "operator").out());

        byte[] database = Files.readAllBytes(folder.resolve("contractgate.db"));
        byte[] wal = Files.exists(folder.resolve("contractgate.db-wal")) ? Files.readAllBytes(folder.resolve("contractgate.db-wal")) : new byte[0];
        assertThat(new String(database, java.nio.charset.StandardCharsets.ISO_8859_1) + new String(wal, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(key.substring(3));
    }

    @Test
    void exitsWith2OnAnArgumentWithAControlCharacterNamingTheOption() {
        TestEnvironment environment = new TestEnvironment(folder);

        CliTest.Outcome separate = keys(environment, "--role", "operator", "--name", "ops\u0000laptop");
        CliTest.Outcome joined = keys(environment, "--role", "operator", "--name=ops\u001blaptop");

        assertThat(separate.exitCode()).isEqualTo(2);
        assertThat(separate.err()).contains("--name: contains a control character (U+0000)");
        assertThat(joined.exitCode()).isEqualTo(2);
        assertThat(joined.err()).contains("--name: contains a control character (U+001B)");
        assertThat(separate.out()).doesNotContain("cg_");
        assertThat(keys(environment, "--role", "operator", "--name", "two\tparts").exitCode()).isZero();
    }

    @Test
    void exitsWith2WhenTheKeyIsBoundWrongly() {
        TestEnvironment environment = new TestEnvironment(folder);

        CliTest.Outcome missingAccount = keys(environment, "--role", "freelancer", "--channel", "chatwork");
        CliTest.Outcome unknownRole = keys(environment, "--role", "admin");
        CliTest.Outcome badId = keys(environment, "--role", "client", "--channel", "chatwork", "--account-id", "abc");

        assertThat(missingAccount.exitCode()).isEqualTo(2);
        assertThat(missingAccount.err()).contains("--account-id is required");
        assertThat(unknownRole.exitCode()).isEqualTo(2);
        assertThat(unknownRole.err()).contains("--role must be one of operator, freelancer, client");
        assertThat(badId.exitCode()).isEqualTo(2);
        assertThat(badId.err()).contains("--account-id");
        assertThat(CliTest.run(environment.env(), "keys").exitCode()).isEqualTo(2);
        assertThat(CliTest.run(environment.env(), "keys", "create", "--help").out()).contains("--role").contains("--account-id");
    }
}
