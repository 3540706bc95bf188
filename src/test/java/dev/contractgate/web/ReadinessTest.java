package dev.contractgate.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contractgate.outbox.OutboxDao;
import dev.contractgate.outbox.OutboxEntry;
import dev.contractgate.testing.ChatworkWebhooks;
import dev.contractgate.testing.Eventually;
import dev.contractgate.testing.FakeChatwork;
import dev.contractgate.testing.RunningService;
import dev.contractgate.testing.TestEnvironment;
import java.nio.file.Path;
import java.time.Duration;
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
            JsonNode ready = service.http().get("/ready").json();
            assertThat(ready.get("status").asText()).isEqualTo("ready");
            assertThat(ready.get("checks").get("chatwork").asText()).isEqualTo("ok");
            assertThat(ready.get("details").get("chatwork").get("state").asText()).isEqualTo("working");
            assertThat(ready.get("details").get("chatwork").get("dry_run").asBoolean()).isFalse();
            assertThat(ready.get("details").get("chatwork").get("bot_account_id").asText()).isEqualTo("4242");
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
            assertThat(answer.json().get("status").asText()).isEqualTo("not_ready");
            assertThat(answer.json().get("checks").get("database").asText()).isEqualTo("ok");
            assertThat(answer.json().get("checks").get("chatwork").asText()).contains("CHATWORK_API_TOKEN");
            assertThat(answer.json().get("details").get("chatwork").get("state").asText()).isEqualTo("failing");
        }
    }

    @Test
    void aDryRunIsReadyAndSaysWhatItCannotDo() {
        try (RunningService service = RunningService.start(new TestEnvironment(folder).unset("CHATWORK_BOT_ACCOUNT_ID"))) {
            var answer = service.http().get("/ready");

            assertThat(answer.status()).isEqualTo(200);
            JsonNode ready = answer.json();
            assertThat(ready.get("status").asText()).isEqualTo("ready");
            assertThat(ready.get("checks").get("chatwork").asText()).isEqualTo("ok");
            JsonNode chatworkDetails = ready.get("details").get("chatwork");
            assertThat(chatworkDetails.get("state").asText()).isEqualTo("dry");
            assertThat(chatworkDetails.get("dry_run").asBoolean()).isTrue();
            assertThat(chatworkDetails.get("cannot").toString()).contains("CHATWORK_API_TOKEN")
                    .contains("recognise commands").contains("CHATWORK_BOT_ACCOUNT_ID");

            // And it does what it can: the event is processed, the reply held.
            String body = ChatworkWebhooks.created("984676321621704990", "36818150", "1484814", "はじめまして", 1_790_000_000L);
            assertThat(service.http().send(ChatworkWebhooks.signed(service.http(), body)).status()).isEqualTo(200);
            Eventually.await("the reply is held", () -> service.jdbi().onDemand(OutboxDao.class).count(OutboxEntry.HELD) == 1);
        }
    }

    @Test
    void ignoresAChannelThatIsOff() {
        try (RunningService service = RunningService.start(new TestEnvironment(folder).unset("CHATWORK_WEBHOOK_TOKENS"))) {
            var answer = service.http().get("/ready");

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().get("checks").has("chatwork")).isFalse();
            assertThat(answer.json().get("details").get("chatwork").get("state").asText()).isEqualTo("off");
            assertThat(answer.json().get("details").get("chatwork").get("reason").asText()).contains("CHATWORK_WEBHOOK_TOKENS");
        }
    }

    @Test
    void saysWhenCatchUpIsBehindAndWhy() {
        try (FakeChatwork fake = new FakeChatwork(TestEnvironment.BOT_ACCOUNT_ID).accountLimit(4, Duration.ofHours(1))
                .members("501", "1", "a").members("502", "1", "a").members("503", "1", "a");
             RunningService service = RunningService.start(fake.configure(new TestEnvironment(folder))
                     .useConfig("chatwork:\n  catch_up_interval: 1s\n"))) {
            Eventually.await("catch-up reported behind", () -> service.http().get("/ready").json()
                    .get("details").get("chatwork").get("catch_up").get("state").asText().equals("behind"));

            var answer = service.http().get("/ready");
            assertThat(answer.status()).as("behind is not unready").isEqualTo(200);
            JsonNode chatworkDetails = answer.json().get("details").get("chatwork");
            assertThat(chatworkDetails.get("catch_up").get("reason").asText()).contains("budget is below half");
            assertThat(chatworkDetails.get("catch_up").get("behind_since").asText()).isNotBlank();
            assertThat(chatworkDetails.get("budget").get("limit").asInt()).isEqualTo(4);
        }
    }
}
