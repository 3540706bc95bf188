package dev.contractgate.web;

import static dev.contractgate.testing.RegistryCalls.claim;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contractgate.testing.RegistryCalls;
import dev.contractgate.testing.RunningService;
import dev.contractgate.testing.TestEnvironment;
import dev.contractgate.testing.TestHttp;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input is answered 400 (or 413) as problem+json naming each bad field, and nothing is stored. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistryApiValidationTest {
    private static final String OPERATOR = TestEnvironment.OPERATOR_KEY;

    private RunningService service;
    private TestHttp http;

    @BeforeAll
    void start(@TempDir Path folder) {
        service = RunningService.start(new TestEnvironment(folder));
        http = service.http();
    }

    @AfterAll
    void stop() {
        service.close();
    }

    private Map<String, Object> claimWith(String field, Object value) {
        Map<String, Object> body = claim("2001", "1001", "500");
        body.put(field, value);
        return body;
    }

    /** The fields named in a 400 problem, in order. */
    private static List<String> badFields(TestHttp.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem.get("type").asText()).isEqualTo("urn:contractgate:problem:invalid-input");
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(error -> {
            assertThat(error.get("message").asText()).isNotBlank();
            fields.add(error.get("field").asText());
        });
        return fields;
    }

    private TestHttp.Answer file(Object body) {
        return http.postJson("/api/applications", OPERATOR, body);
    }

    @Test
    void refusesAnUnknownChannel() {
        assertThat(badFields(file(claimWith("channel", "slack")))).containsExactly("channel");
    }

    @Test
    void refusesAnUnknownPlatformAndNamesTheKnownOnes() {
        TestHttp.Answer answer = file(claimWith("platform", "coconara"));

        assertThat(badFields(answer)).containsExactly("platform");
        assertThat(answer.json().get("errors").get(0).get("message").asText())
                .contains("crowdworks, lancers, coconala, upwork, fiverr, other");
    }

    @Test
    void refusesAnEmptyOrOverlongReference() {
        assertThat(badFields(file(claimWith("reference", "")))).containsExactly("reference");
        assertThat(badFields(file(claimWith("reference", "   ")))).containsExactly("reference");
        assertThat(badFields(file(claimWith("reference", "x".repeat(201))))).containsExactly("reference");
        assertThat(file(claimWith("reference", "x".repeat(200))).status()).isEqualTo(201);
    }

    @Test
    void refusesMalformedChatworkIds() {
        Map<String, Object> body = claim("abc", "12 34", "-5");

        assertThat(badFields(file(body))).containsExactly("client_account_id", "freelancer_account_id", "room_id");
    }

    @Test
    void refusesAValidityInThePastOrNotInRfc3339() {
        assertThat(badFields(file(claimWith("valid_until", "2020-01-01T00:00:00Z")))).containsExactly("valid_until");
        assertThat(badFields(file(claimWith("valid_until", "2099-01-01")))).containsExactly("valid_until");
        assertThat(badFields(file(claimWith("valid_until", Instant.now().toString())))).containsExactly("valid_until");
    }

    @Test
    void refusesUnknownFieldsAndValuesOfTheWrongType() {
        Map<String, Object> body = claimWith("approved_by_platform", true);
        body.put("client_account_id", 2001);

        assertThat(badFields(file(body))).containsExactly("approved_by_platform", "client_account_id");
    }

    @Test
    void namesEveryMissingAndBadFieldAtOnce() {
        Map<String, Object> body = Map.of("platform", "mixi", "reference", "", "channel", "chatwork",
                "evidence_url", "javascript:alert(1)", "status", "revoked", "filed_by", "platform");

        assertThat(badFields(file(body))).containsExactlyInAnyOrder("platform", "reference", "client_account_id",
                "freelancer_account_id", "evidence_url", "status", "filed_by");
    }

    @Test
    void refusesMalformedJsonAndNonObjects() {
        assertThat(badFields(http.post("/api/applications", OPERATOR, "{\"platform\": "))).containsExactly("body");
        assertThat(badFields(http.post("/api/applications", OPERATOR, "[1, 2]"))).containsExactly("body");
        assertThat(badFields(http.post("/api/parties", OPERATOR, "not json"))).containsExactly("body");
    }

    @Test
    void refusesABodyOver64KiB() {
        String body = "{\"note\":\"" + "x".repeat(64 * 1024) + "\"}";

        TestHttp.Answer answer = http.post("/api/applications", OPERATOR, body);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    @Test
    void refusesABadPartyNamingEachField() {
        TestHttp.Answer answer = http.postJson("/api/parties", OPERATOR, Map.of("channel", "msteams",
                "account_id", "has space", "role", "operator", "name", "n".repeat(201), "profile_url", "not a url"));

        assertThat(badFields(answer)).containsExactly("role", "account_id", "name", "profile_url");
    }

    @Test
    void refusesABadKeyRequest() {
        assertThat(badFields(http.postJson("/api/keys", OPERATOR, Map.of("role", "client", "channel", "chatwork"))))
                .containsExactly("account_id");
        assertThat(badFields(http.postJson("/api/keys", OPERATOR, Map.of("role", "admin")))).containsExactly("role");
        assertThat(badFields(http.postJson("/api/keys", OPERATOR, Map.of("role", "operator", "account_id", "1"))))
                .containsExactly("account_id");
    }

    @Test
    void refusesBadQueryParameters() {
        assertThat(badFields(http.get("/api/applications?limit=0", OPERATOR))).containsExactly("limit");
        assertThat(badFields(http.get("/api/applications?limit=1001", OPERATOR))).containsExactly("limit");
        assertThat(badFields(http.get("/api/applications?limit=ten&status=lost&channel=fax", OPERATOR)))
                .containsExactly("channel", "status", "limit");
        assertThat(badFields(http.get("/api/parties?role=operator&account_id=x&channel=chatwork", OPERATOR)))
                .containsExactly("account_id", "role");
        assertThat(badFields(http.get("/api/audit?since=yesterday", OPERATOR))).containsExactly("since");
        assertThat(http.get("/api/applications?limit=1000", OPERATOR).status()).isEqualTo(200);
    }

    @Test
    void refusesATooLongReasonAndUnknownFieldsOnATransition() {
        long id = new RegistryCalls(http, OPERATOR).file(OPERATOR, claimWith("reference", "transition-input")).get("id").asLong();

        assertThat(badFields(http.post("/api/applications/" + id + "/deny", OPERATOR,
                "{\"reason\":\"" + "r".repeat(1001) + "\"}"))).containsExactly("reason");
        assertThat(badFields(http.post("/api/applications/" + id + "/confirm", OPERATOR, "{\"status\":\"confirmed\"}")))
                .containsExactly("status");
        assertThat(http.get("/api/applications/" + id, OPERATOR).json().get("status").asText()).isEqualTo("claimed");
        assertThat(http.get("/api/applications/not-a-number", OPERATOR).status()).isEqualTo(404);
    }
}
