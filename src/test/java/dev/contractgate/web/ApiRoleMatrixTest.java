package dev.contractgate.web;

import static dev.contractgate.testing.RegistryCalls.claim;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contractgate.testing.RegistryCalls;
import dev.contractgate.testing.RunningService;
import dev.contractgate.testing.TestEnvironment;
import dev.contractgate.testing.TestHttp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may call which registry endpoint: each endpoint is called by every kind of caller, on fresh data where the call
 * changes something, and the status codes must be exactly the table's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiRoleMatrixTest {
    private static final String FREELANCER_ACCOUNT = "1001";
    private static final String CLIENT_ACCOUNT = "2001";
    private static final String OTHER_ACCOUNT = "2002";

    /** Who calls: the application under test pairs CLIENT (who files claims) with FREELANCER; OTHER_PARTY is a stranger to it. */
    enum Caller { BOOTSTRAP_OPERATOR, STORED_OPERATOR, FREELANCER, CLIENT, OTHER_PARTY, NO_KEY, UNKNOWN_KEY }

    private RunningService service;
    private TestHttp http;
    private RegistryCalls calls;
    private final Map<Caller, String> keys = new EnumMap<>(Caller.class);
    private final AtomicInteger fresh = new AtomicInteger(3000);

    @BeforeAll
    void start(@TempDir Path folder) {
        service = RunningService.start(new TestEnvironment(folder));
        http = service.http();
        calls = new RegistryCalls(http, TestEnvironment.OPERATOR_KEY);
        keys.put(Caller.BOOTSTRAP_OPERATOR, TestEnvironment.OPERATOR_KEY);
        keys.put(Caller.STORED_OPERATOR, calls.createKey("operator", null));
        keys.put(Caller.FREELANCER, calls.createKey("freelancer", FREELANCER_ACCOUNT));
        keys.put(Caller.CLIENT, calls.createKey("client", CLIENT_ACCOUNT));
        keys.put(Caller.OTHER_PARTY, calls.createKey("client", OTHER_ACCOUNT));
        keys.put(Caller.NO_KEY, null);
        keys.put(Caller.UNKNOWN_KEY, "cg_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    }

    @AfterAll
    void stop() {
        service.close();
    }

    /** Expected statuses, in {@link Caller} order. */
    private static Map<Caller, Integer> expect(int bootstrapOperator, int storedOperator, int freelancer, int client,
                                               int otherParty) {
        Map<Caller, Integer> expected = new EnumMap<>(Caller.class);
        expected.put(Caller.BOOTSTRAP_OPERATOR, bootstrapOperator);
        expected.put(Caller.STORED_OPERATOR, storedOperator);
        expected.put(Caller.FREELANCER, freelancer);
        expected.put(Caller.CLIENT, client);
        expected.put(Caller.OTHER_PARTY, otherParty);
        expected.put(Caller.NO_KEY, 401);
        expected.put(Caller.UNKNOWN_KEY, 401);
        return expected;
    }

    /** Calls the endpoint as every caller and reports every status that differs from the table at once. */
    private void check(String endpoint, Map<Caller, Integer> expected, Function<Caller, TestHttp.Answer> call) {
        List<String> wrong = new ArrayList<>();
        for (Caller caller : Caller.values()) {
            TestHttp.Answer answer = call.apply(caller);
            if (answer.status() != expected.get(caller)) {
                wrong.add(endpoint + " as " + caller + ": expected " + expected.get(caller) + ", got "
                        + answer.status() + " " + answer.body());
            }
            if (answer.status() >= 400) {
                assertThat(answer.contentType()).as(endpoint + " as " + caller).startsWith("application/problem+json");
            }
        }
        assertThat(wrong).isEmpty();
    }

    private String key(Caller caller) {
        return keys.get(caller);
    }

    private String freshAccount() {
        return String.valueOf(fresh.incrementAndGet());
    }

    private long clientClaim() {
        return calls.clientClaim(key(Caller.CLIENT), CLIENT_ACCOUNT, FREELANCER_ACCOUNT, "500");
    }

    @Test
    void registeringOneself() {
        check("POST /api/parties (itself)", expect(201, 201, 201, 201, 201), caller -> {
            String account = switch (caller) {
                case FREELANCER -> FREELANCER_ACCOUNT;
                case CLIENT -> CLIENT_ACCOUNT;
                case OTHER_PARTY -> OTHER_ACCOUNT;
                default -> freshAccount();
            };
            String role = caller == Caller.FREELANCER ? "freelancer" : "client";
            return http.postJson("/api/parties", key(caller), Map.of("channel", "chatwork", "account_id", account, "role", role));
        });
    }

    @Test
    void registeringSomeoneElse() {
        check("POST /api/parties (another account)", expect(201, 201, 403, 403, 403), caller ->
                http.postJson("/api/parties", key(caller), Map.of("channel", "chatwork", "account_id", freshAccount(),
                        "role", "client")));
    }

    @Test
    void listingParties() {
        check("GET /api/parties", expect(200, 200, 403, 403, 403), caller -> http.get("/api/parties", key(caller)));
    }

    @Test
    void filingAClaim() {
        check("POST /api/applications (claim)", expect(201, 201, 201, 201, 403), caller ->
                http.postJson("/api/applications", key(caller), claim(CLIENT_ACCOUNT, FREELANCER_ACCOUNT, "500")));
    }

    @Test
    void recordingAConfirmedApplication() {
        Map<String, Object> body = claim(CLIENT_ACCOUNT, FREELANCER_ACCOUNT, null);
        body.put("status", "confirmed");
        check("POST /api/applications (confirmed)", expect(201, 201, 403, 403, 403), caller ->
                http.postJson("/api/applications", key(caller), body));
    }

    @Test
    void listingApplications() {
        long id = clientClaim();
        check("GET /api/applications", expect(200, 200, 200, 200, 200), caller -> http.get("/api/applications", key(caller)));

        assertThat(http.get("/api/applications", key(Caller.OTHER_PARTY)).json()).isEmpty();
        assertThat(http.get("/api/applications", key(Caller.FREELANCER)).json())
                .anySatisfy(application -> assertThat(application.get("id").asLong()).isEqualTo(id))
                .allSatisfy(application -> assertThat(application.get("freelancer_account_id").asText()).isEqualTo(FREELANCER_ACCOUNT));
    }

    @Test
    void readingOneApplication() {
        long id = clientClaim();
        check("GET /api/applications/{id}", expect(200, 200, 200, 200, 404), caller ->
                http.get("/api/applications/" + id, key(caller)));
    }

    @Test
    void confirmingAClientsClaim() {
        check("POST /api/applications/{id}/confirm", expect(200, 200, 200, 409, 404), caller ->
                calls.change(key(caller), clientClaim(), "confirm"));
    }

    @Test
    void denyingAClientsClaim() {
        check("POST /api/applications/{id}/deny", expect(200, 200, 200, 409, 404), caller ->
                calls.change(key(caller), clientClaim(), "deny"));
    }

    @Test
    void revokingAConfirmedApplication() {
        check("POST /api/applications/{id}/revoke", expect(200, 200, 200, 200, 404), caller ->
                calls.change(key(caller), calls.confirmed(CLIENT_ACCOUNT, FREELANCER_ACCOUNT, "500"), "revoke"));
    }

    @Test
    void readingTheAuditLog() {
        check("GET /api/audit", expect(200, 200, 403, 403, 403), caller -> http.get("/api/audit", key(caller)));
    }

    @Test
    void creatingKeys() {
        check("POST /api/keys", expect(201, 201, 403, 403, 403), caller ->
                http.postJson("/api/keys", key(caller), Map.of("role", "client", "channel", "chatwork", "account_id", freshAccount())));
    }
}
