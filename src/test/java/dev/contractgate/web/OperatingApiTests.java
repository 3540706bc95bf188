package dev.contractgate.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contractgate.outbox.OutboxDao;
import dev.contractgate.outbox.OutboxEntry;
import dev.contractgate.testing.Eventually;
import dev.contractgate.testing.FakeChatwork;
import dev.contractgate.testing.Messenger;
import dev.contractgate.testing.RegistryCalls;
import dev.contractgate.testing.RunningService;
import dev.contractgate.testing.Scrape;
import dev.contractgate.testing.ChatworkWebhooks;
import dev.contractgate.testing.TestEnvironment;
import dev.contractgate.testing.TestHttp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's endpoints (keys, dead letters, rooms, import) through the whole service;
 * {@link OperatingApiOnSqliteTest} and {@link OperatingApiOnPostgresTest} run them on each database. One service
 * serves every test of a class, so each test uses accounts and rooms of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OperatingApiTests {
    static final String OPERATOR = TestEnvironment.OPERATOR_KEY;
    static final String BOT = TestEnvironment.BOT_ACCOUNT_ID;

    private final AtomicInteger accounts = new AtomicInteger(4000);
    private final Messenger messenger = new Messenger(900_000);
    FakeChatwork chatwork;
    TestEnvironment environment;
    RunningService service;
    TestHttp http;
    RegistryCalls registry;

    /** The environment with the database under test. */
    abstract TestEnvironment environment(Path folder);

    @BeforeAll
    void start(@TempDir Path folder) {
        chatwork = new FakeChatwork(BOT);
        environment = chatwork.configure(environment(folder));
        service = RunningService.start(environment);
        http = service.http();
        registry = new RegistryCalls(http, OPERATOR);
    }

    @AfterAll
    void stop() {
        service.close();
        chatwork.close();
    }

    String account() {
        return String.valueOf(accounts.incrementAndGet());
    }

    // --- keys -------------------------------------------------------------------------------------------------------

    @Test
    void listsKeysWithoutTheirSecretsAndRevokesOneAtOnce() {
        String account = account();
        JsonNode created = http.postJson("/api/keys", OPERATOR, Map.of("role", "client", "channel", "chatwork",
                "account_id", account, "name", "佐藤さん", "expires_at", "2099-01-01T00:00:00+09:00")).json();
        String secret = created.get("key").asText();
        long id = created.get("id").asLong();
        assertThat(created.get("expires_at").asText()).isEqualTo("2098-12-31T15:00:00Z");
        assertThat(http.get("/api/applications", secret).status()).isEqualTo(200);

        TestHttp.Answer list = http.get("/api/keys?role=client&account_id=" + account + "&channel=chatwork", OPERATOR);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(secret).doesNotContain(secret.substring(3, 20));
        JsonNode key = list.json().get(0);
        assertThat(key.get("id").asLong()).isEqualTo(id);
        assertThat(key.get("status").asText()).isEqualTo("active");
        assertThat(key.get("name").asText()).isEqualTo("佐藤さん");
        assertThat(key.get("last_used_at").isNull()).as("the use was just recorded").isFalse();
        assertThat(key.has("revoked_at")).isTrue();
        assertThat(key.get("revoked_at").isNull()).isTrue();

        TestHttp.Answer revoked = http.post("/api/keys/" + id + "/revoke", OPERATOR, "");
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().get("status").asText()).isEqualTo("revoked");
        TestHttp.Answer refused = http.get("/api/applications", secret);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("detail").asText()).contains("revoked");
        assertThat(http.get("/api/audit", OPERATOR).body()).contains("api_key.revoked").contains("api_key:" + id);
        assertThat(http.post("/api/keys/" + id + "/revoke", OPERATOR, "").status()).as("again: no change").isEqualTo(200);
    }

    @Test
    void refusesARevokedKeyOnASecondInstanceSharingTheDatabase() {
        String secret = registry.createKey("operator", null);
        try (RunningService second = RunningService.start(environment)) {
            assertThat(second.http().get("/api/keys", secret).status()).isEqualTo(200);
            long id = http.get("/api/keys?role=operator&limit=1", OPERATOR).json().get(0).get("id").asLong();

            assertThat(http.post("/api/keys/" + id + "/revoke", OPERATOR, "").status()).isEqualTo(200);

            assertThat(second.http().get("/api/keys", secret).status()).as("at once, on the other instance").isEqualTo(401);
            assertThat(http.get("/api/keys", secret).status()).isEqualTo(401);
        }
    }

    @Test
    void answersWhatIsMissingOrWrongAboutKeys() {
        String party = registry.createKey("freelancer", account());
        TestHttp.Answer missing = http.post("/api/keys/99999/revoke", OPERATOR, "");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("detail").asText()).isEqualTo("no API key 99999");
        assertThat(http.post("/api/keys/abc/revoke", OPERATOR, "").json().get("detail").asText()).isEqualTo("no API key abc");
        assertThat(http.get("/api/keys", party).status()).isEqualTo(403);
        assertThat(http.post("/api/keys/1/revoke", party, "").status()).isEqualTo(403);
        TestHttp.Answer past = http.postJson("/api/keys", OPERATOR, Map.of("role", "operator",
                "expires_at", "2020-01-01T00:00:00Z"));
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.json().get("errors").get(0).get("field").asText()).isEqualTo("expires_at");
        assertThat(http.get("/api/keys?role=admin", OPERATOR).status()).isEqualTo(400);
    }

    // --- outbox dead letters ----------------------------------------------------------------------------------------

    /** A room where the bot's next reply is refused for good by Chatwork, so it goes dead; returns its id. */
    private long deadReply(String room) {
        String freelancer = account();
        String client = account();
        chatwork.members(room, BOT, "ContractGate", freelancer, "山田 花子", client, "佐藤 健一");
        chatwork.failNextPosts(new MockResponse.Builder().code(403).body("{\"errors\":[\"You don't have permission\"]}").build());
        messenger.say(service, room, client, "はじめまして、よろしくお願いします。", Instant.now().getEpochSecond());
        OutboxDao outbox = service.jdbi().onDemand(OutboxDao.class);
        Eventually.await("the reply is dead", () -> outbox.list(OutboxEntry.DEAD, room, 10).size() == 1);
        return outbox.list(OutboxEntry.DEAD, room, 10).get(0).id();
    }

    @Test
    void retriesADeadReplyWhichIsThenSentAndAuditsIt() {
        String room = "61" + account();
        long id = deadReply(room);

        TestHttp.Answer retried = http.post("/api/outbox/" + id + "/retry", OPERATOR, "");

        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.json().get("status").asText()).isIn("pending", "sending", "sent");
        Eventually.await("sent after the retry", () -> chatwork.postsIn(room).size() == 1);
        Eventually.await("marked sent", () -> "sent".equals(http.get("/api/outbox?room_id=" + room, OPERATOR).json()
                .get(0).get("status").asText()));
        assertThat(http.get("/api/audit", OPERATOR).body()).contains("outbox.retried").contains("outbox:" + id);
        TestHttp.Answer again = http.post("/api/outbox/" + id + "/retry", OPERATOR, "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("detail").asText()).contains("is sent").contains("dead or held");
    }

    @Test
    void discardsADeadReplySoItIsNeverSent() {
        String room = "62" + account();
        long id = deadReply(room);

        TestHttp.Answer discarded = http.post("/api/outbox/" + id + "/discard", OPERATOR, "");

        assertThat(discarded.status()).isEqualTo(200);
        assertThat(discarded.json().get("status").asText()).isEqualTo("discarded");
        assertThat(http.get("/api/outbox?status=discarded&room_id=" + room, OPERATOR).json()).hasSize(1);
        assertThat(http.post("/api/outbox/" + id + "/retry", OPERATOR, "").status()).isEqualTo(409);
        assertThat(http.get("/api/audit", OPERATOR).body()).contains("outbox.discarded");
        assertThat(chatwork.postsIn(room)).isEmpty();
        TestHttp.Answer missing = http.post("/api/outbox/99999/discard", OPERATOR, "");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("detail").asText()).isEqualTo("no outbox entry 99999");
        assertThat(http.post("/api/outbox/" + id + "/retry", registry.createKey("client", account()), "").status())
                .isEqualTo(403);
    }

    // --- rooms ------------------------------------------------------------------------------------------------------

    @Test
    void listsTheRoomsTheBotKnowsWithTheirGateState() {
        String freelancer = account();
        String client = account();
        String unclaimed = "71" + account();
        String confirmed = "72" + account();
        registry.party(freelancer, "freelancer");
        registry.confirmed(client, freelancer, confirmed);
        chatwork.members(unclaimed, BOT, "ContractGate", client, "佐藤 健一", account(), "田中");
        chatwork.members(confirmed, BOT, "ContractGate", freelancer, "山田 花子", client, "佐藤 健一");
        long now = Instant.now().getEpochSecond();
        messenger.say(service, unclaimed, client, "こんにちは", now);
        messenger.say(service, confirmed, client, "こんにちは", now + 1);

        JsonNode all = http.get("/api/rooms?channel=chatwork", OPERATOR).json();
        JsonNode onlyConfirmed = http.get("/api/rooms?gate=confirmed", OPERATOR).json();

        List<String> rooms = new ArrayList<>();
        all.forEach(room -> rooms.add(room.get("room_id").asText()));
        assertThat(rooms).containsSubsequence(confirmed, unclaimed);
        JsonNode first = all.get(rooms.indexOf(confirmed));
        assertThat(first.get("gate").asText()).isEqualTo("confirmed");
        assertThat(first.get("channel").asText()).isEqualTo("chatwork");
        assertThat(first.get("last_message_at").asText()).isNotBlank();
        assertThat(first.get("members")).anySatisfy(member -> assertThat(member.get("role").asText()).isEqualTo("freelancer"));
        assertThat(all.get(rooms.indexOf(unclaimed)).get("gate").asText()).isEqualTo("unclaimed");
        List<String> confirmedRooms = new ArrayList<>();
        onlyConfirmed.forEach(room -> confirmedRooms.add(room.get("room_id").asText()));
        assertThat(confirmedRooms).contains(confirmed).doesNotContain(unclaimed);
        assertThat(http.get("/api/rooms?gate=open", OPERATOR).status()).isEqualTo(400);
        assertThat(http.get("/api/rooms?limit=1", OPERATOR).json()).hasSize(1);
        assertThat(http.get("/api/rooms", registry.createKey("client", client)).status()).isEqualTo(403);
    }

    // --- metrics ----------------------------------------------------------------------------------------------------

    @Test
    void metricsMoveAsAWebhookIsReceivedHandledAndItsReplySent() {
        String room = "81" + account();
        String client = account();
        chatwork.members(room, BOT, "ContractGate", client, "佐藤 健一", account(), "田中");
        Scrape before = Scrape.of(http);
        assertThat(before.text()).contains("jvm_memory_used_bytes").contains("jvm_gc_").contains("process_uptime_seconds");

        messenger.say(service, room, client, "はじめまして", Instant.now().getEpochSecond());
        Eventually.await("the reply is sent", () -> chatwork.postsIn(room).size() == 1);
        String body = ChatworkWebhooks.created("77" + account(), room, client, "x", 1);
        http.send(ChatworkWebhooks.signed(http, body));
        http.send(ChatworkWebhooks.signed(http, body));
        http.send(new Request.Builder().url(http.url("/webhooks/chatwork")).header("X-ChatWorkWebhookSignature", "bad")
                .post(RequestBody.create(body, TestHttp.JSON)).build());
        String huge = ChatworkWebhooks.created("78" + account(), room, client, "x".repeat(WebServer.MAX_BODY_BYTES), 1);
        assertThat(http.send(ChatworkWebhooks.signed(http, huge)).status()).isEqualTo(413);
        Eventually.await("marked sent", () -> Scrape.of(http).value("contractgate_sends_total", "outcome=\"sent\"")
                > before.value("contractgate_sends_total", "outcome=\"sent\""));
        Scrape after = Scrape.of(http);

        String chatworkLabel = "channel=\"chatwork\"";
        assertThat(delta(before, after, "contractgate_webhooks_received_total", chatworkLabel)).isEqualTo(3);
        assertThat(delta(before, after, "contractgate_webhooks_duplicates_total", chatworkLabel)).isEqualTo(1);
        assertThat(delta(before, after, "contractgate_webhooks_rejected_total", chatworkLabel, "reason=\"signature\""))
                .isEqualTo(1);
        assertThat(delta(before, after, "contractgate_webhooks_rejected_total", chatworkLabel, "reason=\"too_large\""))
                .isEqualTo(1);
        assertThat(delta(before, after, "contractgate_events_handled_total", chatworkLabel, "outcome=\"done\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(delta(before, after, "contractgate_event_processing_seconds_count", chatworkLabel)).isGreaterThanOrEqualTo(1);
        assertThat(delta(before, after, "contractgate_sends_total", chatworkLabel, "outcome=\"sent\"")).isEqualTo(1);
        assertThat(delta(before, after, "contractgate_reply_delivery_seconds_count", chatworkLabel)).isEqualTo(1);
        assertThat(after.value("contractgate_channel_budget_remaining", chatworkLabel)).isPositive();
        assertThat(after.value("contractgate_channel_budget_limit", chatworkLabel)).isEqualTo(300);
        assertThat(after.text()).contains("http_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/metrics\"}")
                .contains("contractgate_inbox_events{status=\"pending\"}")
                .contains("contractgate_outbox_entries{status=\"dead\"}")
                .contains("contractgate_inbox_oldest_pending_age_seconds")
                .contains("http_server_requests_seconds_count{method=\"POST\",outcome=\"SUCCESS\",status=\"200\",uri=\"/webhooks/chatwork\"}");
        assertThat(delta(before, after, "http_server_requests_seconds_count", "uri=\"/webhooks/chatwork\"",
                "status=\"401\"")).isEqualTo(1);
    }

    private static double delta(Scrape before, Scrape after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    // --- import -----------------------------------------------------------------------------------------------------

    private TestHttp.Answer importFile(String key, String contentType, String body, String query) {
        return http.send(new Request.Builder().url(http.url("/api/applications/import" + query))
                .header("Authorization", "Bearer " + key)
                .post(RequestBody.create(body.getBytes(StandardCharsets.UTF_8), MediaType.get(contentType))).build());
    }

    private static String line(String client, String freelancer, String extra) {
        return "{\"platform\":\"crowdworks\",\"reference\":\"https://crowdworks.jp/proposals/" + client + "\","
                + "\"channel\":\"chatwork\",\"client_account_id\":\"" + client + "\",\"freelancer_account_id\":\""
                + freelancer + "\"" + extra + "}";
    }

    @Test
    void importsJsonLinesFilingTheGoodLinesAndNamingWhatIsWrongWithTheOthers() {
        String freelancer = account();
        String first = account();
        String second = account();
        String body = line(first, freelancer, ",\"status\":\"confirmed\",\"valid_until\":\"2030-03-31T23:59:59+09:00\"") + "\n"
                + "\n"
                + line(second, freelancer, ",\"status\":\"confirmed\",\"room_id\":\"123\"") + "\n"
                + "{\"platform\":\"myspace\",\"reference\":\"x\",\"channel\":\"chatwork\",\"client_account_id\":\"abc\"}\n"
                + "not json\n"
                + line(account(), freelancer, ",\"colour\":\"red\"") + "\n";
        String since = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();

        TestHttp.Answer answer = importFile(OPERATOR, "application/x-ndjson", body, "");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode results = answer.json();
        assertThat(results).hasSize(5);
        assertThat(results.get(0).get("line").asInt()).isEqualTo(1);
        assertThat(results.get(0).get("outcome").asText()).isEqualTo("filed");
        assertThat(results.get(0).has("errors")).isFalse();
        assertThat(results.get(1).get("line").asInt()).as("the blank line is skipped but counted").isEqualTo(3);
        assertThat(results.get(2).get("line").asInt()).isEqualTo(4);
        assertThat(results.get(2).has("id")).isFalse();
        List<String> fields = new ArrayList<>();
        results.get(2).get("errors").forEach(error -> fields.add(error.get("field").asText()));
        assertThat(fields).contains("platform", "client_account_id", "freelancer_account_id");
        assertThat(results.get(3).get("errors").get(0).get("message").asText()).contains("not valid JSON");
        assertThat(results.get(4).get("errors").get(0).get("field").asText()).isEqualTo("colour");

        JsonNode filed = http.get("/api/applications/" + results.get(0).get("id").asLong(), OPERATOR).json();
        assertThat(filed.get("status").asText()).isEqualTo("confirmed");
        assertThat(filed.get("client_account_id").asText()).isEqualTo(first);
        assertThat(http.get("/api/applications?account_id=" + freelancer, OPERATOR).json()).as("only the good lines").hasSize(2);
        List<String> audited = new ArrayList<>();
        http.get("/api/audit?limit=1000&since=" + since, OPERATOR).json()
                .forEach(entry -> audited.add(entry.get("action").asText() + " " + entry.get("subject").asText()));
        assertThat(audited).as("one audit entry per filed line, none for the others").containsExactlyInAnyOrder(
                "application.filed application:" + results.get(0).get("id").asLong(),
                "application.filed application:" + results.get(1).get("id").asLong());

        JsonNode again = importFile(OPERATOR, "application/x-ndjson", body, "").json();
        assertThat(again.get(0).get("outcome").asText()).isEqualTo("existing");
        assertThat(again.get(0).get("id").asLong()).isEqualTo(results.get(0).get("id").asLong());
        assertThat(http.get("/api/applications?account_id=" + freelancer, OPERATOR).json()).as("nothing twice").hasSize(2);
    }

    @Test
    void importsCsvWithAHeaderRowAndConfirmsAStoredClaim() {
        String freelancer = account();
        String client = account();
        String clientKey = registry.createKey("client", client);
        long claim = registry.clientClaim(clientKey, client, freelancer, null);
        String reference = "https://crowdworks.jp/proposals/" + client + "-" + freelancer;
        String csv = "\uFEFFplatform,reference,channel,client_account_id,freelancer_account_id,status,note\r\n"
                + "crowdworks," + reference + ",chatwork," + client + "," + freelancer + ",confirmed,\"checked, on the screen\"\r\n"
                + "lancers,L-" + client + ",chatwork," + account() + "," + freelancer + ",,\r\n"
                + "lancers,,chatwork,1,2,confirmed,\r\n";

        TestHttp.Answer answer = importFile(OPERATOR, "text/csv", csv, "?notify=false");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode results = answer.json();
        assertThat(results).hasSize(3);
        assertThat(results.get(0).get("line").asInt()).isEqualTo(2);
        assertThat(results.get(0).get("outcome").asText()).isEqualTo("confirmed");
        assertThat(results.get(0).get("id").asLong()).isEqualTo(claim);
        assertThat(http.get("/api/applications/" + claim, OPERATOR).json().get("status").asText()).isEqualTo("confirmed");
        assertThat(results.get(1).get("outcome").asText()).isEqualTo("filed");
        assertThat(http.get("/api/applications/" + results.get(1).get("id").asLong(), OPERATOR).json()
                .get("status").asText()).as("no status: a claim").isEqualTo("claimed");
        assertThat(results.get(2).get("line").asInt()).isEqualTo(4);
        assertThat(results.get(2).get("errors").get(0).get("field").asText()).isEqualTo("reference");
    }

    @Test
    void refusesAnImportThatCannotBeReadAsAWhole() {
        TestHttp.Answer badHeader = importFile(OPERATOR, "text/csv", "platform,colour\ncrowdworks,red\n", "");
        assertThat(badHeader.status()).isEqualTo(400);
        assertThat(badHeader.json().get("errors").get(0).get("message").asText()).contains("column 'colour'");
        TestHttp.Answer wrongType = importFile(OPERATOR, "application/json", line("1", "2", ""), "");
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(wrongType.json().get("detail").asText()).contains("application/x-ndjson").contains("text/csv");
        assertThat(importFile(OPERATOR, "application/x-ndjson", "", "?notify=maybe").status()).isEqualTo(400);
        assertThat(importFile(registry.createKey("client", account()), "application/x-ndjson", line("1", "2", ""), "")
                .status()).isEqualTo(403);
        assertThat(importFile(OPERATOR, "application/x-ndjson", "", "").json()).isEmpty();
    }

    @Test
    void takesImportsFarLargerThanOtherBodiesUpToItsOwnLimit() {
        String freelancer = account();
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            body.append(line("8" + i, freelancer, ",\"note\":\"imported from the spreadsheet of 2026\"")).append('\n');
        }
        assertThat(body.length()).isGreaterThan(3 * WebServer.MAX_BODY_BYTES);


        TestHttp.Answer answer = importFile(OPERATOR, "application/x-ndjson", body.toString(), "");

        assertThat(answer.status()).as(answer.body().substring(0, Math.min(300, answer.body().length()))).isEqualTo(200);
        assertThat(answer.json()).hasSize(1000).allSatisfy(result -> assertThat(result.get("outcome").asText()).isEqualTo("filed"));
        TestHttp.Answer tooLarge = importFile(OPERATOR, "application/x-ndjson",
                "x".repeat(ImportApi.MAX_BODY_BYTES + 1), "");
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(http.postJson("/api/applications", OPERATOR, Map.of("note", "x".repeat(WebServer.MAX_BODY_BYTES)))
                .status()).as("other bodies keep their limit").isEqualTo(413);
    }
}
