package dev.contractgate.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** The registry API as tests use it: keys, parties and applications of one channel, set up through real HTTP. */
public final class RegistryCalls {
    public static final String CHATWORK = "chatwork";

    private final TestHttp http;
    private final String operatorKey;
    private final String channel;

    /** On Chatwork. @param operatorKey the key that sets things up (usually {@link TestEnvironment#OPERATOR_KEY}) */
    public RegistryCalls(TestHttp http, String operatorKey) {
        this(http, operatorKey, CHATWORK);
    }

    public RegistryCalls(TestHttp http, String operatorKey, String channel) {
        this.http = http;
        this.operatorKey = operatorKey;
        this.channel = channel;
    }

    /** A new key of {@code role}; {@code accountId} is null for an operator key. */
    public String createKey(String role, String accountId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("role", role);
        if (accountId != null) {
            body.put("channel", channel);
            body.put("account_id", accountId);
        }
        TestHttp.Answer answer = http.postJson("/api/keys", operatorKey, body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().get("key").asText();
    }

    /** Registers an account as a freelancer or client party (as the operator). */
    public void party(String accountId, String role) {
        TestHttp.Answer answer = http.postJson("/api/parties", operatorKey,
                Map.of("channel", channel, "account_id", accountId, "role", role));
        assertThat(answer.status()).as(answer.body()).isIn(200, 201);
    }

    /** The body of a claim on CrowdWorks pairing a client and a freelancer; {@code roomId} may be null. */
    public static Map<String, Object> claim(String clientAccountId, String freelancerAccountId, String roomId) {
        return claim(CHATWORK, clientAccountId, freelancerAccountId, roomId);
    }

    /** The same on another channel. */
    public static Map<String, Object> claim(String channel, String clientAccountId, String freelancerAccountId, String roomId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("platform", "crowdworks");
        body.put("reference", "https://crowdworks.jp/proposals/" + clientAccountId + "-" + freelancerAccountId);
        body.put("channel", channel);
        body.put("client_account_id", clientAccountId);
        body.put("freelancer_account_id", freelancerAccountId);
        body.put("room_id", roomId);
        return body;
    }

    /** Files an application as {@code key}, which must succeed; returns it. */
    public JsonNode file(String key, Map<String, Object> body) {
        TestHttp.Answer answer = http.postJson("/api/applications", key, body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json();
    }

    /** A claim filed by the client itself; returns its id. */
    public long clientClaim(String clientKey, String clientAccountId, String freelancerAccountId, String roomId) {
        return file(clientKey, claim(channel, clientAccountId, freelancerAccountId, roomId)).get("id").asLong();
    }

    /** An application the operator records as confirmed; returns its id. */
    public long confirmed(String clientAccountId, String freelancerAccountId, String roomId) {
        Map<String, Object> body = claim(channel, clientAccountId, freelancerAccountId, roomId);
        body.put("status", "confirmed");
        return file(operatorKey, body).get("id").asLong();
    }

    /** {@code POST /api/applications/{id}/<action>} with an empty body. */
    public TestHttp.Answer change(String key, long id, String action) {
        return http.post("/api/applications/" + id + "/" + action, key, "");
    }
}
