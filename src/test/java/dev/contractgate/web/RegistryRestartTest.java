package dev.contractgate.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contractgate.testing.RegistryCalls;
import dev.contractgate.testing.RunningService;
import dev.contractgate.testing.TestEnvironment;
import dev.contractgate.testing.TestHttp;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryRestartTest {
    @TempDir
    Path folder;

    @Test
    void partiesApplicationsKeysAndTheAuditSurviveARestart() {
        TestEnvironment environment = new TestEnvironment(folder);
        String clientKey;
        long confirmed;
        long claimed;
        JsonNode auditBefore;
        try (RunningService first = RunningService.start(environment)) {
            RegistryCalls calls = new RegistryCalls(first.http(), TestEnvironment.OPERATOR_KEY);
            clientKey = calls.createKey("client", "2001");
            first.http().postJson("/api/parties", clientKey, Map.of("channel", "chatwork", "account_id", "2001", "role", "client"));
            confirmed = calls.confirmed("2001", "1001", null);
            claimed = calls.clientClaim(clientKey, "2001", "1002", "500");
            auditBefore = first.http().get("/api/audit", TestEnvironment.OPERATOR_KEY).json();
        }

        try (RunningService second = RunningService.start(environment)) {
            TestHttp http = second.http();
            assertThat(http.get("/api/applications/" + confirmed, clientKey).json().get("status").asText()).isEqualTo("confirmed");
            assertThat(http.get("/api/applications/" + claimed, clientKey).json().get("status").asText()).isEqualTo("claimed");
            assertThat(http.get("/api/parties", TestEnvironment.OPERATOR_KEY).json()).hasSize(1);
            assertThat(http.get("/api/audit", TestEnvironment.OPERATOR_KEY).json()).isEqualTo(auditBefore).hasSize(4);
            assertThat(new RegistryCalls(http, TestEnvironment.OPERATOR_KEY).change(TestEnvironment.OPERATOR_KEY, claimed,
                    "confirm").status()).isEqualTo(200);
        }
    }
}
