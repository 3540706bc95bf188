package dev.contractgate.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contractgate.testing.Eventually;
import dev.contractgate.testing.RunningService;
import dev.contractgate.testing.TestEnvironment;
import java.nio.file.Path;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadinessTest {
    @TempDir
    Path folder;

    private final MockWebServer chatwork = new MockWebServer();

    @BeforeEach
    void startFakeChatwork() throws Exception {
        chatwork.start();
    }

    @AfterEach
    void stopFakeChatwork() throws Exception {
        chatwork.close();
    }

    private TestEnvironment environmentAskingMe() {
        return new TestEnvironment(folder)
                .unset("CHATWORK_BOT_ACCOUNT_ID")
                .set("CHATWORK_API_TOKEN", "test-api-token")
                .set("CHATWORK_API_URL", chatwork.url("/v2").toString());
    }

    @Test
    void healthAnswersWhileTheProcessRunsWithTheBuildsVersionAndCommit() {
        try (RunningService service = RunningService.start(new TestEnvironment(folder))) {
            com.fasterxml.jackson.databind.JsonNode health = service.http().get("/health").json();
            assertThat(health.get("status").asText()).isEqualTo("up");
            assertThat(health.get("version").asText()).isEqualTo(dev.contractgate.BuildInfo.current().version())
                    .doesNotContain("${").isNotEqualTo("unknown");
            assertThat(health.get("commit").asText()).matches("[0-9a-f]{10}|unknown");
        }
    }

    @Test
    void staysNotReadyUntilGetMeAnswersThenBecomesReady() throws Exception {
        chatwork.enqueue(new MockResponse.Builder().code(500).body("{\"errors\":[\"Internal error\"]}").build());
        chatwork.enqueue(new MockResponse.Builder().code(200)
                .body("{\"account_id\":4242,\"name\":\"ContractGate Bot\",\"chatwork_id\":\"cg_bot\"}").build());

        try (RunningService service = RunningService.start(environmentAskingMe())) {
            RecordedRequest first = chatwork.takeRequest();
            assertThat(first.getUrl().encodedPath()).isEqualTo("/v2/me");
            assertThat(first.getHeaders().get("X-ChatWorkToken")).isEqualTo("test-api-token");

            Eventually.await("ready after the retry", () -> service.http().get("/ready").status() == 200);
            assertThat(service.http().get("/ready").body()).contains("\"chatwork\":\"ok\"");
            assertThat(chatwork.getRequestCount()).isEqualTo(2);
        }
    }

    @Test
    void saysWhatIsMissingWhileNotReady() {
        chatwork.enqueue(new MockResponse.Builder().code(401).body("{\"errors\":[\"Invalid API token\"]}").build());

        try (RunningService service = RunningService.start(environmentAskingMe())) {
            Eventually.await("the refusal is reported", () -> service.http().get("/ready").body().contains("refused"));
            var answer = service.http().get("/ready");
            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.body()).contains("\"database\":\"ok\"").contains("CHATWORK_API_TOKEN");
        }
    }

    @Test
    void isNotReadyWithoutAnyWayToKnowTheBotAccount() {
        try (RunningService service = RunningService.start(new TestEnvironment(folder).unset("CHATWORK_BOT_ACCOUNT_ID"))) {
            var answer = service.http().get("/ready");
            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.body()).contains("CHATWORK_BOT_ACCOUNT_ID");
        }
    }
}
