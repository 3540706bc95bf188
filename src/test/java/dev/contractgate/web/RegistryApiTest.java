package dev.contractgate.web;

import static dev.contractgate.testing.RegistryCalls.claim;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contractgate.testing.RegistryCalls;
import dev.contractgate.testing.RunningService;
import dev.contractgate.testing.TestClock;
import dev.contractgate.testing.TestEnvironment;
import dev.contractgate.testing.TestHttp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry API over real HTTP, on the SQLite file of a running service. */
class RegistryApiTest {
    private static final String OPERATOR = TestEnvironment.OPERATOR_KEY;
    private static final String FREELANCER = "1001";
    private static final String CLIENT = "2001";
    private static final String ROOM = "500";

    @TempDir
    Path folder;

    private final TestClock clock = TestClock.atNow();
    private RunningService service;
    private TestHttp http;
    private RegistryCalls calls;
    private String freelancerKey;
    private String clientKey;

    @BeforeEach
    void start() {
        service = RunningService.start(new TestEnvironment(folder), clock);
        http = service.http();
        calls = new RegistryCalls(http, OPERATOR);
        freelancerKey = calls.createKey("freelancer", FREELANCER);
        clientKey = calls.createKey("client", CLIENT);
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void aClientsClaimCountsOnceTheFreelancerConfirmsIt() {
        int year = clock.instant().atOffset(java.time.ZoneOffset.UTC).getYear() + 5;
        TestHttp.Answer filed = http.postJson("/api/applications", clientKey, Map.of(
                "platform", "crowdworks", "reference", "https://crowdworks.jp/proposals/12345", "channel", "chatwork",
                "client_account_id", CLIENT, "freelancer_account_id", FREELANCER, "room_id", ROOM,
                "valid_until", year + "-03-31T23:59:59+09:00", "evidence_url", "https://example.com/screenshot.png",
                "note", "相談 #12345"));

        assertThat(filed.status()).isEqualTo(201);
        assertThat(filed.contentType()).startsWith("application/json");
        JsonNode application = filed.json();
        long id = application.get("id").asLong();
        assertThat(filed.header("Location")).isEqualTo("/api/applications/" + id);
        assertThat(application.get("status").asText()).isEqualTo("claimed");
        assertThat(application.get("filed_by").asText()).isEqualTo("client");
        assertThat(application.get("platform").asText()).isEqualTo("crowdworks");
        assertThat(application.get("valid_until").asText()).isEqualTo(year + "-03-31T14:59:59Z");
        assertThat(application.get("created_at").asText()).isEqualTo(clock.instant().toString());
        assertThat(fieldNames(application)).containsExactly("id", "platform", "reference", "channel",
                "client_account_id", "freelancer_account_id", "room_id", "status", "filed_by", "valid_until",
                "evidence_url", "note", "created_at", "updated_at");

        TestHttp.Answer selfConfirmed = calls.change(clientKey, id, "confirm");
        assertThat(selfConfirmed.status()).isEqualTo(409);
        assertThat(selfConfirmed.contentType()).startsWith("application/problem+json");
        assertThat(selfConfirmed.json().get("detail").asText()).contains("other party");

        TestHttp.Answer confirmed = calls.change(freelancerKey, id, "confirm");
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.json().get("status").asText()).isEqualTo("confirmed");
        assertThat(http.get("/api/applications/" + id, clientKey).json().get("status").asText()).isEqualTo("confirmed");

        TestHttp.Answer revoked = http.post("/api/applications/" + id + "/revoke", clientKey, "{\"reason\":\"契約終了\"}");
        assertThat(revoked.json().get("status").asText()).isEqualTo("revoked");

        JsonNode audit = http.get("/api/audit", OPERATOR).json();
        assertThat(audit.get(0).get("action").asText()).isEqualTo("application.revoked");
        assertThat(audit.get(0).get("detail").asText()).isEqualTo("契約終了");
        assertThat(audit.get(0).get("subject").asText()).isEqualTo("application:" + id);
        assertThat(audit.get(0).get("status_before").asText()).isEqualTo("confirmed");
        assertThat(audit.get(0).get("status_after").asText()).isEqualTo("revoked");
        assertThat(audit.get(0).get("actor").asText()).startsWith("client chatwork:2001 (key ");
        assertThat(fieldNames(audit.get(0))).contains("id", "at", "actor", "action", "subject", "detail");
    }

    @Test
    void theFreelancerDeniesAFakeClaimWithAReason() {
        long id = calls.clientClaim(clientKey, CLIENT, FREELANCER, ROOM);

        TestHttp.Answer denied = http.post("/api/applications/" + id + "/deny", freelancerKey,
                "{\"reason\":\"no such application on CrowdWorks\"}");

        assertThat(denied.status()).isEqualTo(200);
        assertThat(denied.json().get("status").asText()).isEqualTo("denied");
        assertThat(calls.change(OPERATOR, id, "confirm").status()).isEqualTo(409);
        assertThat(calls.change(OPERATOR, id, "revoke").status()).isEqualTo(409);
    }

    @Test
    void anApplicationReadsAsExpiredOnceItsValidityPasses() {
        Map<String, Object> body = claim(CLIENT, FREELANCER, null);
        body.put("valid_until", clock.instant().plus(Duration.ofDays(1)).toString());
        long id = calls.file(clientKey, body).get("id").asLong();

        clock.advance(Duration.ofDays(2));

        assertThat(http.get("/api/applications/" + id, freelancerKey).json().get("status").asText()).isEqualTo("expired");
        assertThat(http.get("/api/applications?status=expired", OPERATOR).json()).hasSize(1);
        assertThat(http.get("/api/applications?status=claimed", OPERATOR).json()).isEmpty();
        assertThat(calls.change(freelancerKey, id, "confirm").status()).isEqualTo(409);
    }

    @Test
    void listsNewestFirstWithFiltersAndALimit() {
        long first = calls.clientClaim(clientKey, CLIENT, FREELANCER, ROOM);
        long second = calls.confirmed(CLIENT, "1002", null);
        long third = calls.confirmed("2002", FREELANCER, "600");

        assertThat(ids(http.get("/api/applications", OPERATOR))).containsExactly(third, second, first);
        assertThat(ids(http.get("/api/applications?limit=2", OPERATOR))).containsExactly(third, second);
        assertThat(ids(http.get("/api/applications?account_id=" + FREELANCER, OPERATOR))).containsExactly(third, first);
        assertThat(ids(http.get("/api/applications?status=confirmed&channel=chatwork", OPERATOR))).containsExactly(third, second);
        assertThat(ids(http.get("/api/applications?room_id=600", OPERATOR))).containsExactly(third);
        assertThat(ids(http.get("/api/applications", clientKey))).containsExactly(second, first);
        assertThat(ids(http.get("/api/applications", freelancerKey))).containsExactly(third, first);
    }

    @Test
    void registersAndListsParties() {
        TestHttp.Answer registered = http.postJson("/api/parties", freelancerKey, Map.of("channel", "chatwork",
                "account_id", FREELANCER, "role", "freelancer", "name", "佐藤", "profile_url", "https://crowdworks.jp/public/employees/9"));
        TestHttp.Answer again = http.postJson("/api/parties", freelancerKey, Map.of("channel", "chatwork",
                "account_id", FREELANCER, "role", "freelancer"));
        TestHttp.Answer otherRole = http.postJson("/api/parties", OPERATOR, Map.of("channel", "chatwork",
                "account_id", FREELANCER, "role", "client"));
        http.postJson("/api/parties", OPERATOR, Map.of("channel", "chatwork", "account_id", CLIENT, "role", "client"));

        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.json().get("name").asText()).isEqualTo("佐藤");
        assertThat(fieldNames(registered.json())).containsExactly("id", "channel", "account_id", "role", "name",
                "profile_url", "created_at");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("name").asText()).as("not overwritten").isEqualTo("佐藤");
        assertThat(otherRole.status()).isEqualTo(409);
        assertThat(http.get("/api/parties", OPERATOR).json()).extracting(party -> party.get("account_id").asText())
                .containsExactly(CLIENT, FREELANCER);
        assertThat(http.get("/api/parties?role=freelancer&channel=chatwork&account_id=1001", OPERATOR).json()).hasSize(1);
        assertThat(http.get("/api/parties?role=client&account_id=1001", OPERATOR).json()).isEmpty();
    }

    @Test
    void aKeyCreatedThroughTheApiIsShownOnceAndWorks() {
        TestHttp.Answer created = http.postJson("/api/keys", OPERATOR, Map.of("role", "operator", "name", "auditor"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Cache-Control")).isEqualTo("no-store");
        String key = created.json().get("key").asText();
        assertThat(key).startsWith("cg_");
        assertThat(created.json().get("role").asText()).isEqualTo("operator");
        assertThat(http.get("/api/audit", key).status()).isEqualTo(200);
        assertThat(http.get("/api/audit", OPERATOR).body()).doesNotContain(key);
    }

    @Test
    void answers401WithABearerChallenge() {
        TestHttp.Answer missing = http.get("/api/applications");
        TestHttp.Answer unknown = http.get("/api/applications", "cg_not-a-key");
        TestHttp.Answer wrongScheme = http.send(new okhttp3.Request.Builder().url(http.url("/api/applications"))
                .header("Authorization", "Basic " + OPERATOR).build());

        for (TestHttp.Answer answer : List.of(missing, unknown, wrongScheme)) {
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
        }
        assertThat(unknown.header("WWW-Authenticate")).contains("invalid_token");
        assertThat(http.get("/api/no-such-thing").status()).as("unknown API path").isEqualTo(404);
    }

    @Test
    void confirmAndDenyRacingOverHttpEndWithOneWinner() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                long id = calls.clientClaim(clientKey, CLIENT, FREELANCER, ROOM);
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<TestHttp.Answer>> racers = new ArrayList<>();
                for (String action : List.of("confirm", "deny")) {
                    racers.add(threads.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        return calls.change(action.equals("confirm") ? freelancerKey : OPERATOR, id, action);
                    }));
                }
                List<Integer> statuses = new ArrayList<>();
                for (Future<TestHttp.Answer> racer : racers) {
                    statuses.add(racer.get(30, TimeUnit.SECONDS).status());
                }
                assertThat(statuses).containsExactlyInAnyOrder(200, 409);
                JsonNode history = http.get("/api/audit?limit=1", OPERATOR).json();
                String status = http.get("/api/applications/" + id, OPERATOR).json().get("status").asText();
                assertThat(history.get(0).get("subject").asText()).isEqualTo("application:" + id);
                assertThat(history.get(0).get("status_after").asText()).isEqualTo(status);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static List<Long> ids(TestHttp.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        answer.json().forEach(application -> ids.add(application.get("id").asLong()));
        return ids;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
