package dev.contractgate.line;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contractgate.testing.FakeLine;
import dev.contractgate.testing.RunningService;
import dev.contractgate.testing.TestEnvironment;
import dev.contractgate.testing.TestHttp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /webhooks/line}: verify first, then parse, store every event once, then 200. */
class LineWebhookTest {
    static final String GROUP = "C" + "1".repeat(32);
    static final String CLIENT = "U" + "c".repeat(32);

    @TempDir
    Path folder;

    private FakeLine line;
    private RunningService service;

    @BeforeEach
    void start() {
        line = new FakeLine();
        // Signed with either secret while the channel secret is reissued.
        service = RunningService.start(line.configure(new TestEnvironment(folder))
                .set("LINE_CHANNEL_SECRET", FakeLine.OLD_CHANNEL_SECRET + "," + FakeLine.CHANNEL_SECRET));
    }

    @AfterEach
    void stop() {
        service.close();
        line.close();
    }

    private List<Map<String, Object>> stored() {
        return service.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT event_type, message_id, status, note FROM inbox_event WHERE channel = 'line' ORDER BY id")
                .mapToMap().list());
    }

    private static byte[] bytes(ObjectNode delivery) {
        return delivery.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void refusesABadOrMissingSignatureAndStoresNothing() {
        byte[] body = bytes(FakeLine.delivery(line.message(GROUP, CLIENT, "はじめまして", false)));
        String stranger = LineSignature.sign("00000000000000000000000000000000", body);
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("はじめまして", "LINEで話そう")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(FakeLine.deliver(service.http(), body, stranger).status()).isEqualTo(401);
        assertThat(FakeLine.deliver(service.http(), body, null).status()).isEqualTo(401);
        assertThat(FakeLine.deliver(service.http(), body, "not base64 !").status()).isEqualTo(401);
        assertThat(FakeLine.deliver(service.http(), tampered, LineSignature.sign(FakeLine.CHANNEL_SECRET, body)).status())
                .isEqualTo(401);
        assertThat(stored()).isEmpty();
    }

    @Test
    void acceptsBothSecretsDuringARotation() {
        byte[] first = bytes(FakeLine.delivery(line.message(GROUP, CLIENT, "一件目", false)));
        byte[] second = bytes(FakeLine.delivery(line.message(GROUP, CLIENT, "二件目", false)));

        assertThat(FakeLine.deliver(service.http(), first, LineSignature.sign(FakeLine.OLD_CHANNEL_SECRET, first)).status())
                .isEqualTo(200);
        assertThat(FakeLine.deliver(service.http(), second, LineSignature.sign(FakeLine.CHANNEL_SECRET, second)).status())
                .isEqualTo(200);
        assertThat(stored()).hasSize(2);
    }

    @Test
    void answersTheConnectionCheckWithoutStoringAnything() {
        TestHttp.Answer answer = FakeLine.deliver(service.http(), FakeLine.delivery());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEmpty();
        assertThat(stored()).isEmpty();
    }

    @Test
    void storesARedeliveredEventOnce() {
        ObjectNode message = line.message(GROUP, CLIENT, "はじめまして", false);
        ObjectNode join = line.event("memberJoined", GROUP, null);
        join.putObject("joined").putArray("members").addObject().put("type", "user").put("userId", CLIENT);

        assertThat(FakeLine.deliver(service.http(), FakeLine.delivery(message, join)).status()).isEqualTo(200);
        ((ObjectNode) message.get("deliveryContext")).put("isRedelivery", true);
        TestHttp.Answer again = FakeLine.deliver(service.http(), FakeLine.delivery(message));

        assertThat(again.status()).isEqualTo(200);
        assertThat(stored()).extracting(row -> row.get("message_id"))
                .containsExactly(message.get("webhookEventId").asText(), join.get("webhookEventId").asText());
    }

    @Test
    void recordsEventsItDoesNotActOnAsIgnored() {
        ObjectNode follow = line.event("follow", CLIENT, CLIENT);
        ObjectNode sticker = line.answerable("message", GROUP, CLIENT);
        sticker.putObject("message").put("id", "1234567").put("type", "sticker").put("packageId", "1").put("stickerId", "1");

        assertThat(FakeLine.deliver(service.http(), FakeLine.delivery(follow, sticker)).status()).isEqualTo(200);

        assertThat(stored()).allSatisfy(row -> assertThat(row.get("status")).isEqualTo("ignored"))
                .extracting(row -> row.get("note"))
                .containsExactly("event type follow is not acted on", "message type sticker is not read (only text)");
    }

    @Test
    void refusesAMalformedDeliveryNamingEachFieldAndStoresNothing() {
        ObjectNode good = line.message(GROUP, CLIENT, "はじめまして", false);
        ObjectNode noId = line.message(GROUP, CLIENT, "こんにちは", false);
        noId.remove("webhookEventId");
        ObjectNode badGroup = line.message(GROUP, CLIENT, "こんにちは", false);
        ((ObjectNode) badGroup.get("source")).put("groupId", "not-a-group");
        ObjectNode badMention = line.message(GROUP, CLIENT, "@ContractGate 登録", true);
        ((ObjectNode) badMention.path("message").path("mention").path("mentionees").get(0)).put("length", 99);

        TestHttp.Answer answer = FakeLine.deliver(service.http(), FakeLine.delivery(good, noId, badGroup, badMention));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("events[1].webhookEventId").contains("events[2].source.groupId")
                .contains("events[3].message.mention.mentionees[0]");
        assertThat(stored()).isEmpty();
        assertThat(FakeLine.deliver(service.http(), "[]".getBytes(StandardCharsets.UTF_8),
                LineSignature.sign(FakeLine.CHANNEL_SECRET, "[]".getBytes(StandardCharsets.UTF_8))).status()).isEqualTo(400);
    }
    @Test
    void answers503WhileLineIsOff() {
        service.close();
        service = RunningService.start(new TestEnvironment(folder));

        TestHttp.Answer answer = FakeLine.deliver(service.http(), FakeLine.delivery(line.message(GROUP, CLIENT, "x", false)));

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.body()).contains("LINE_CHANNEL_SECRET");
        assertThat(service.http().get("/ready").status()).as("readiness does not wait for a channel that is off")
                .isEqualTo(200);
    }
    @Test
    void saysWhyInReadinessWhenLineRefusesTheAccessToken() {
        service.close();
        service = RunningService.start(line.configure(new TestEnvironment(folder)).set("LINE_CHANNEL_ACCESS_TOKEN", "revoked"));

        dev.contractgate.testing.Eventually.await("failing", () -> service.http().get("/ready").status() == 503);
        assertThat(service.http().get("/ready").body()).contains("LINE_CHANNEL_ACCESS_TOKEN is refused by LINE (401)")
                .doesNotContain("revoked");
    }
}
