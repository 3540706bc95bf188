package dev.contractgate.fault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contractgate.chatwork.ChatworkSignature;
import dev.contractgate.inbox.InboxDao;
import dev.contractgate.inbox.InboxEvent;
import dev.contractgate.outbox.OutboxDao;
import dev.contractgate.outbox.OutboxEntry;
import dev.contractgate.testing.ChatworkWebhooks;
import dev.contractgate.testing.Eventually;
import dev.contractgate.testing.RegistryCalls;
import dev.contractgate.testing.RunningService;
import dev.contractgate.testing.TestEnvironment;
import dev.contractgate.testing.TestHttp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs that slipped through: each is refused with a 400 naming what is wrong and nothing stored, or (chat text) taken
 * in cleaned; never a 500, and never an acknowledged webhook that then fails. Run on each database, because
 * PostgreSQL refuses some text (a NUL) that SQLite stores.
 */
@Tag("fault")
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BadInputFaults {
    private static final String OPERATOR = TestEnvironment.OPERATOR_KEY;
    private static final String ROOM = "36818150";

    private final AtomicLong messageIds = new AtomicLong(984_676_321_621_705_000L);
    private RunningService service;
    private TestHttp http;

    /** The database to run on: sets its variables on the environment. */
    abstract TestEnvironment onDatabase(TestEnvironment environment);

    @BeforeAll
    void start(@TempDir Path folder) {
        service = RunningService.start(onDatabase(new TestEnvironment(folder)));
        http = service.http();
    }

    @AfterAll
    void stop() {
        service.close();
    }

    /** The fields named in a 400 problem. */
    private static List<String> badFields(TestHttp.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        answer.json().get("errors").forEach(error -> fields.add(error.get("field").asText()));
        return fields;
    }

    private static String message(TestHttp.Answer answer) {
        return answer.json().get("errors").get(0).get("message").asText();
    }

    private TestHttp.Answer postBytes(String path, byte[] body) {
        return http.send(new Request.Builder().url(http.url(path)).header("Authorization", "Bearer " + OPERATOR)
                .post(RequestBody.create(body, TestHttp.JSON)).build());
    }

    private TestHttp.Answer webhook(byte[] body, String query) {
        return http.send(new Request.Builder().url(http.url("/webhooks/chatwork") + (query == null ? "" : "?" + query))
                .header(ChatworkSignature.HEADER, ChatworkSignature.sign(TestEnvironment.WEBHOOK_TOKEN, body))
                .post(RequestBody.create(body, TestHttp.JSON)).build());
    }

    private TestHttp.Answer webhook(String body) {
        return webhook(body.getBytes(StandardCharsets.UTF_8), null);
    }

    private List<InboxEvent> inbox() {
        return service.jdbi().onDemand(InboxDao.class).list(null, 1000);
    }

    private int parties() {
        return http.get("/api/parties?limit=1000", OPERATOR).json().size();
    }

    private String nextMessageId() {
        return String.valueOf(messageIds.incrementAndGet());
    }

    // --- API bodies -------------------------------------------------------------------------------------------------

    @Test
    void refusesAControlCharacterInAnApiStringNamingTheField() {
        int before = parties();
        for (String control : List.of("\u0000", "\u0001", "\r", "\u001b", "\u007f", "\u0085")) {
            TestHttp.Answer answer = http.postJson("/api/parties", OPERATOR,
                    Map.of("channel", "chatwork", "account_id", "4101", "role", "client", "name", "佐藤" + control + "商事"));

            assertThat(badFields(answer)).as("U+%04X", (int) control.charAt(0)).containsExactly("name");
            assertThat(message(answer)).contains("control character").contains(String.format("U+%04X", (int) control.charAt(0)));
        }
        Map<String, Object> claim = RegistryCalls.claim("4102", "4103", null);
        claim.put("reference", "ref\u0000");
        claim.put("note", "a\u0000b");
        assertThat(badFields(http.postJson("/api/applications", OPERATOR, claim))).containsExactly("reference", "note");
        assertThat(parties()).isEqualTo(before);
        assertThat(http.get("/health").status()).isEqualTo(200);
    }

    @Test
    void acceptsNewlinesAndTabsInAnApiString() {
        Map<String, Object> claim = RegistryCalls.claim("4111", "4112", null);
        claim.put("note", "一行目\n\t二行目");

        TestHttp.Answer answer = http.postJson("/api/applications", OPERATOR, claim);

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        assertThat(answer.json().get("note").asText()).isEqualTo("一行目\n\t二行目");
    }

    @Test
    void refusesAnUnpairedSurrogate() {
        TestHttp.Answer answer = http.post("/api/parties", OPERATOR,
                "{\"channel\":\"chatwork\",\"account_id\":\"4121\",\"role\":\"client\",\"name\":\"a\\ud800b\"}");

        assertThat(badFields(answer)).containsExactly("name");
        assertThat(message(answer)).contains("unpaired surrogate");
    }

    @Test
    void refusesABodyThatIsNotUtf8() {
        String json = "{\"channel\":\"chatwork\",\"account_id\":\"4131\",\"role\":\"client\"}";

        assertThat(badFields(postBytes("/api/parties", json.getBytes(StandardCharsets.UTF_16)))).containsExactly("body");
        assertThat(badFields(postBytes("/api/parties", json.getBytes(StandardCharsets.UTF_16LE)))).containsExactly("body");
        assertThat(badFields(postBytes("/api/parties", "{\"name\":\"\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1))))
                .containsExactly("body");
        assertThat(http.get("/api/parties?account_id=4131", OPERATOR).json()).isEmpty();
    }

    @Test
    void refusesTrailingContentAndRepeatedFields() {
        String json = "{\"channel\":\"chatwork\",\"account_id\":\"4141\",\"role\":\"client\"}";

        assertThat(badFields(http.post("/api/parties", OPERATOR, json + " trailing"))).containsExactly("body");
        assertThat(badFields(http.post("/api/parties", OPERATOR, json + "{}"))).containsExactly("body");
        assertThat(badFields(http.post("/api/parties", OPERATOR,
                "{\"channel\":\"chatwork\",\"account_id\":\"4141\",\"role\":\"client\",\"role\":\"freelancer\"}")))
                .containsExactly("body");
        assertThat(http.get("/api/parties?account_id=4141", OPERATOR).json()).isEmpty();
        assertThat(http.post("/api/parties", OPERATOR, json + "\n").status()).isEqualTo(201);
    }

    @Test
    void refusesDatesPastYear9999AndValiditiesMoreThanTenYearsAhead() {
        for (String time : List.of("+275760-09-13T00:00:00Z", "+10000-01-01T00:00:00Z", "9999-12-31T23:00:00-05:00")) {
            Map<String, Object> claim = RegistryCalls.claim("4151", "4152", null);
            claim.put("valid_until", time);
            assertThat(badFields(http.postJson("/api/applications", OPERATOR, claim))).as(time).containsExactly("valid_until");
            assertThat(badFields(http.get("/api/audit?since=" + time.replace("+", "%2B"), OPERATOR))).as(time)
                    .containsExactly("since");
        }
        Map<String, Object> tooLong = RegistryCalls.claim("4151", "4152", null);
        tooLong.put("valid_until", java.time.Instant.now().plus(java.time.Duration.ofDays(3_700)).toString());
        TestHttp.Answer answer = http.postJson("/api/applications", OPERATOR, tooLong);
        assertThat(badFields(answer)).containsExactly("valid_until");
        assertThat(message(answer)).contains("10 years");
        assertThat(badFields(http.get("/api/audit?since=0000-12-31T00:00:00Z", OPERATOR))).containsExactly("since");
    }

    // --- query and path parameters ----------------------------------------------------------------------------------

    @Test
    void refusesUnknownRepeatedOrControlQueryParameters() {
        assertThat(badFields(http.get("/api/applications?stauts=claimed", OPERATOR))).containsExactly("stauts");
        assertThat(badFields(http.get("/api/parties?limit=5&limit=6", OPERATOR))).containsExactly("limit");
        assertThat(badFields(http.get("/api/applications?account_id=%00", OPERATOR))).containsExactly("account_id");
        assertThat(badFields(http.get("/api/parties?account_id=a%01b", OPERATOR))).containsExactly("account_id");
        assertThat(badFields(http.get("/api/outbox?room_id=%00", OPERATOR))).containsExactly("room_id");
        assertThat(badFields(http.get("/api/inbox?room_id=%00&status=done", OPERATOR))).containsExactly("room_id");
        assertThat(badFields(http.get("/api/rooms/chatwork/" + ROOM + "/ledger?from=1", OPERATOR))).containsExactly("from");
        assertThat(badFields(http.post("/api/parties?dry_run=1", OPERATOR,
                "{\"channel\":\"chatwork\",\"account_id\":\"4161\",\"role\":\"client\"}"))).containsExactly("dry_run");
        assertThat(http.get("/api/parties?account_id=4161", OPERATOR).json()).isEmpty();
    }

    @Test
    void validatesListFilters() {
        assertThat(badFields(http.get("/api/outbox?status=lost&room_id=has%20space", OPERATOR)))
                .containsExactly("status", "room_id");
        assertThat(badFields(http.get("/api/inbox?status=lost", OPERATOR))).containsExactly("status");
        assertThat(badFields(http.get("/api/parties?account_id=" + "9".repeat(300), OPERATOR))).containsExactly("account_id");
        assertThat(badFields(http.get("/api/applications?channel=chatwork&room_id=abc", OPERATOR))).containsExactly("room_id");
        assertThat(http.get("/api/inbox?status=done&room_id=" + ROOM + "&limit=5", OPERATOR).status()).isEqualTo(200);
    }

    @Test
    void answersAProblemForARoomIdThatCannotBe() {
        for (String roomId : List.of("%00", "a%01b", "1%0A2", "x".repeat(300))) {
            TestHttp.Answer answer = http.get("/api/rooms/chatwork/" + roomId, OPERATOR);
            assertThat(answer.status()).as(roomId).isIn(400, 404);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(http.get("/api/rooms/chatwork/" + roomId + "/ledger", OPERATOR).status()).as(roomId).isIn(400, 404);
        }
    }

    // --- webhooks ---------------------------------------------------------------------------------------------------

    @Test
    void refusesASignedWebhookThatIsNotUtf8BeforeStoringIt() {
        int before = inbox().size();
        String body = ChatworkWebhooks.created(nextMessageId(), ROOM, "1484814", "こんにちは", 1_790_000_000L);

        assertThat(badFields(webhook(body.getBytes(StandardCharsets.UTF_16), null))).containsExactly("body");
        assertThat(badFields(webhook(body.getBytes(StandardCharsets.UTF_16LE), null))).containsExactly("body");
        byte[] latin1 = body.replace("\\u3053", "\u00e9").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(badFields(webhook(latin1, null))).containsExactly("body");
        assertThat(inbox()).hasSize(before);
    }

    @Test
    void refusesASignedWebhookWithTrailingContentOrAnUnknownQueryParameter() {
        int before = inbox().size();
        String body = ChatworkWebhooks.created(nextMessageId(), ROOM, "1484814", "こんにちは", 1_790_000_000L);

        assertThat(badFields(webhook(body + "garbage"))).containsExactly("body");
        assertThat(badFields(webhook(body + "{}"))).containsExactly("body");
        assertThat(badFields(webhook(body.getBytes(StandardCharsets.UTF_8), "debug=1"))).containsExactly("debug");
        assertThat(inbox()).hasSize(before);
    }

    @Test
    void refusesASignedWebhookWithATimePastYear9999() {
        String body = ChatworkWebhooks.created(nextMessageId(), ROOM, "1484814", "こんにちは", 8_640_000_000_000L);

        assertThat(badFields(webhook(body))).contains("webhook_event_time");
    }

    @Test
    void takesInChatTextWithControlCharactersCleanedAndActsOnIt() {
        String escaped = nextMessageId();
        String body = ChatworkWebhooks.created(escaped, ROOM, "1484814", "電話は0\u000090-1234-5678\u0007です", 1_790_000_000L);
        assertThat(body).contains("\\u0000");
        String raw = nextMessageId();
        String rawBody = ChatworkWebhooks.created(raw, "36818151", "1484815", "ID: tanaka", 1_790_000_000L)
                .replace("ID: ", "ID:\u0001 ");

        assertThat(webhook(body).status()).isEqualTo(200);
        assertThat(webhook(rawBody).status()).isEqualTo(200);

        Eventually.await("both handled", () -> inbox().stream()
                .filter(event -> event.messageId().equals(escaped) || event.messageId().equals(raw))
                .allMatch(event -> !event.status().equals(InboxEvent.PENDING)));
        assertThat(inbox()).filteredOn(event -> event.messageId().equals(escaped) || event.messageId().equals(raw))
                .extracting(InboxEvent::status).containsOnly(InboxEvent.DONE);
        assertThat(inbox()).filteredOn(event -> event.messageId().equals(raw)).singleElement()
                .satisfies(event -> assertThat(event.payload()).doesNotContain("\u0001").contains("ID: tanaka"));
        List<OutboxEntry> replies = service.jdbi().onDemand(OutboxDao.class).list(null, ROOM, 100);
        assertThat(replies).extracting(OutboxEntry::kind).as("the introduction, the setup notice folded in").contains("introduction");
        assertThat(replies).allSatisfy(entry -> assertThat(entry.body()).doesNotContain("\u0000").doesNotContain("\u0007"));
        JsonNode room = http.get("/api/rooms/chatwork/" + ROOM, OPERATOR).json();
        assertThat(room.get("members_source").asText()).isEqualTo("roster");
    }

    @Test
    void recordsAnUnknownEventTypeWhateverItsNameAndId() {
        String type = "room_renamed_" + "x".repeat(100) + "\u0000";
        String body = "{\"webhook_setting_id\":\"246\",\"webhook_event_type\":\"" + ChatworkWebhooks.escape(type)
                + "\",\"webhook_event_time\":1790000000,\"webhook_event\":{\"message_id\":\"" + "m".repeat(300) + "\"}}";

        assertThat(webhook(body).status()).isEqualTo(200);

        assertThat(inbox()).filteredOn(event -> event.eventType().startsWith("room_renamed_")).singleElement()
                .satisfies(event -> {
                    assertThat(event.status()).isEqualTo(InboxEvent.IGNORED);
                    assertThat(event.eventType()).hasSize(64).doesNotContain("\u0000");
                    assertThat(event.messageId()).startsWith("sha256:");
                });
    }
}
