package dev.contractgate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * The Microsoft side of a Teams bot, on loopback: the Bot Framework's issuer (an OpenID metadata document and a JWKS
 * with a fresh RSA key per run, endorsed for {@code msteams}), the Entra token endpoint, and a Bot Connector that
 * records what the bot sends, can be told to answer 429, 412, 502 or to hang, and to fail member reads. It signs the
 * tokens a channel sends with its activities ({@link #token()}).
 */
public final class FakeBotFramework implements AutoCloseable {
    public static final String APP_ID = "11111111-2222-3333-4444-555555555555";
    public static final String TENANT_ID = "99999999-8888-7777-6666-555555555555";
    public static final String APP_PASSWORD = "test-app-password";
    public static final String BOT_ID = "28:" + APP_ID;

    /** Something the bot posted to a conversation. */
    public record Sent(String conversationId, String replyToId, JsonNode activity, String authorization, String encodedPath) {
        public String text() {
            return activity.path("text").asText();
        }

        /** The ids the mention entities name. */
        public List<String> mentioned() {
            List<String> ids = new ArrayList<>();
            activity.path("entities").forEach(entity -> ids.add(entity.path("mentioned").path("id").asText()));
            return ids;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A fresh key per test run (generating one per test would only cost time). */
    private static final RSAKey RUN_KEY = generate("key-" + UUID.randomUUID());
    private static final RSAKey STRANGER_KEY = generate("stranger-" + UUID.randomUUID());

    private final MockWebServer server = new MockWebServer();
    private final RSAKey key;
    private final List<String> endorsements;
    private final Map<String, List<String[]>> members = new HashMap<>();
    private final Map<String, MockResponse> failingMembers = new HashMap<>();
    private final List<Sent> sent = new ArrayList<>();
    private final Deque<MockResponse> scripted = new ArrayDeque<>();
    private final AtomicInteger tokenFetches = new AtomicInteger();
    private final AtomicInteger keyReads = new AtomicInteger();
    private final AtomicInteger activityIds = new AtomicInteger(1000);
    private Duration hang;
    private int postsToHang;

    public FakeBotFramework() {
        this(List.of("msteams"));
    }

    /** @param endorsements the channels the signing key is endorsed for */
    public FakeBotFramework(List<String> endorsements) {
        this.endorsements = List.copyOf(endorsements);
        this.key = RUN_KEY;
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return FakeBotFramework.this.dispatch(request);
            }
        });
        try {
            server.start(java.net.InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base of every URL here, on 127.0.0.1. */
    public String base() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** The service URL of the conversations it hosts (as Teams sends it, with a trailing slash). */
    public String serviceUrl() {
        return base() + "/amer/";
    }

    /** The variables that point a service at this fake, with full credentials. */
    public TestEnvironment configure(TestEnvironment environment) {
        return environment.set("MSTEAMS_APP_ID", APP_ID)
                .set("MSTEAMS_APP_PASSWORD", APP_PASSWORD)
                .set("MSTEAMS_TENANT_ID", TENANT_ID)
                .set("MSTEAMS_OPENID_METADATA_URL", base() + "/v1/.well-known/openidconfiguration")
                .set("MSTEAMS_TOKEN_URL", base() + "/{tenant}/oauth2/v2.0/token")
                .set("MSTEAMS_SERVICE_URL_HOSTS", "127.0.0.1");
    }

    public synchronized FakeBotFramework members(String conversationId, String... aadIdAndNamePairs) {
        List<String[]> list = new ArrayList<>();
        for (int i = 0; i < aadIdAndNamePairs.length; i += 2) {
            list.add(new String[] {aadIdAndNamePairs[i], aadIdAndNamePairs[i + 1]});
        }
        members.put(conversationId, list);
        return this;
    }

    /** Every read of the conversation's members gets this answer, until {@link #recoverMembers}. */
    public synchronized FakeBotFramework failMembers(String conversationId, MockResponse response) {
        failingMembers.put(conversationId, response);
        return this;
    }

    public synchronized FakeBotFramework recoverMembers(String conversationId) {
        failingMembers.remove(conversationId);
        return this;
    }

    /** The next posts get these answers instead of being accepted. */
    public synchronized FakeBotFramework answerNextPosts(MockResponse... responses) {
        scripted.addAll(List.of(responses));
        return this;
    }

    /** The next {@code posts} posts are kept, but answered only after {@code delay}: the bot cannot tell they went out. */
    public synchronized FakeBotFramework storeThenHang(int posts, Duration delay) {
        postsToHang = posts;
        hang = delay;
        return this;
    }

    public synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }

    public int tokenFetches() {
        return tokenFetches.get();
    }

    public int keyReads() {
        return keyReads.get();
    }

    // --- tokens a channel signs -------------------------------------------------------------------------------

    /** The claims of a good token for an activity at {@link #serviceUrl()}, valid for an hour. */
    public JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer("https://api.botframework.com")
                .audience(APP_ID)
                .issueTime(Date.from(now.minusSeconds(60)))
                .notBeforeTime(Date.from(now.minusSeconds(60)))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .claim("serviceurl", serviceUrl());
    }

    /** A good token. */
    public String token() {
        return sign(claims().build());
    }

    /** Claims signed RS256 with the published key. */
    public String sign(JWTClaimsSet claims) {
        return sign(claims, key.getKeyID(), key);
    }

    /** Claims signed RS256 with {@code signingKey}, naming {@code keyId}. */
    public static String sign(JWTClaimsSet claims, String keyId, RSAKey signingKey) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Claims signed HS256 (with a secret anyone could guess), naming the published key. */
    public String signHs256(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new MACSigner("an-hmac-secret-of-at-least-32-bytes!".getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Claims with {@code alg: none}. */
    public static String unsigned(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }

    /** A key nobody published. */
    public static RSAKey strangerKey() {
        return STRANGER_KEY;
    }

    private static RSAKey generate(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- activities a channel sends ---------------------------------------------------------------------------

    /** An activity of {@code type} from a person in a conversation, as Teams sends it. */
    public ObjectNode activity(String type, String id, String conversationId, String conversationType, String fromAad,
                               String fromName) {
        ObjectNode activity = JSON.createObjectNode().put("type", type).put("id", id)
                .put("timestamp", Instant.now().toString()).put("serviceUrl", serviceUrl()).put("channelId", "msteams");
        activity.putObject("from").put("id", "29:" + fromAad).put("name", fromName).put("aadObjectId", fromAad);
        activity.putObject("recipient").put("id", BOT_ID).put("name", "ContractGate");
        activity.putObject("conversation").put("id", conversationId).put("conversationType", conversationType)
                .put("tenantId", TENANT_ID).put("isGroup", !"personal".equals(conversationType));
        activity.putObject("channelData").putObject("tenant").put("id", TENANT_ID);
        return activity;
    }

    /** A message; with {@code toBot} it @mentions the bot first, as the Teams client writes it. */
    public ObjectNode message(String id, String conversationId, String conversationType, String fromAad, String fromName,
                              String text, boolean toBot) {
        ObjectNode activity = activity("message", id, conversationId, conversationType, fromAad, fromName)
                .put("text", toBot ? "<at>ContractGate</at> " + text : text).put("textFormat", "plain");
        ArrayNode entities = activity.putArray("entities");
        if (toBot) {
            ObjectNode mention = entities.addObject().put("type", "mention").put("text", "<at>ContractGate</at>");
            mention.putObject("mentioned").put("id", BOT_ID).put("name", "ContractGate");
        }
        entities.addObject().put("type", "clientInfo").put("locale", "ja-JP");
        return activity;
    }

    /** The bot added to a conversation (conversationUpdate with the bot among membersAdded). */
    public ObjectNode botAdded(String id, String conversationId, String conversationType, String byAad, String byName) {
        ObjectNode activity = activity("conversationUpdate", id, conversationId, conversationType, byAad, byName);
        activity.putArray("membersAdded").addObject().put("id", BOT_ID);
        return activity;
    }

    /** POSTs an activity to the service's Teams webhook with a good token. */
    public TestHttp.Answer deliver(TestHttp http, JsonNode activity) {
        return deliver(http, activity, token());
    }

    /** POSTs an activity with this bearer token (null for none). */
    public TestHttp.Answer deliver(TestHttp http, JsonNode activity, String token) {
        okhttp3.Request.Builder request = new okhttp3.Request.Builder().url(http.url("/webhooks/msteams"))
                .post(okhttp3.RequestBody.create(activity.toString().getBytes(StandardCharsets.UTF_8), TestHttp.JSON));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build());
    }

    /** Delivers an activity and waits until the service has handled it. */
    public void deliverAndWait(RunningService service, JsonNode activity) {
        TestHttp.Answer answer = deliver(service.http(), activity);
        if (answer.status() != 200) {
            throw new AssertionError("the webhook answered " + answer.status() + ": " + answer.body());
        }
        String id = activity.path("id").asText();
        Eventually.await("activity " + id + " handled", () -> service.jdbi().withHandle(handle ->
                handle.createQuery("SELECT COUNT(*) FROM inbox_event WHERE channel = 'msteams' AND message_id = :id"
                        + " AND status <> 'pending'").bind("id", id).mapTo(Integer.class).one()) >= 1);
    }

    /** A new activity id, as Teams writes them. */
    public String nextActivityId() {
        return "1" + System.nanoTime();
    }

    // --- what it serves ------------------------------------------------------------------------------------------

    private synchronized MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (path.equals("/v1/.well-known/openidconfiguration")) {
            return json(200, "{\"issuer\":\"https://api.botframework.com\",\"jwks_uri\":\"" + base()
                    + "/v1/.well-known/keys\",\"id_token_signing_alg_values_supported\":[\"RS256\"]}");
        }
        if (path.equals("/v1/.well-known/keys")) {
            keyReads.incrementAndGet();
            ObjectNode jwk = (ObjectNode) read(key.toPublicJWK().toJSONString());
            ArrayNode endorsed = jwk.putArray("endorsements");
            endorsements.forEach(endorsed::add);
            return json(200, "{\"keys\":[" + jwk + "]}");
        }
        if (path.matches("/[^/]+/oauth2/v2\\.0/token")) {
            return token(request, path);
        }
        String[] parts = path.split("/");
        // /amer/v3/conversations/{id}/activities[/{activityId}] and /amer/v3/conversations/{id}/pagedmembers
        if (parts.length >= 6 && parts[2].equals("v3") && parts[3].equals("conversations")) {
            if (!("Bearer bot-token-" + tokenFetches.get()).equals(request.getHeaders().get("Authorization"))) {
                return json(401, "{\"error\":{\"code\":\"Unauthorized\",\"message\":\"bad token\"}}");
            }
            String conversationId = URLDecoder.decode(parts[4], StandardCharsets.UTF_8);
            if (parts[5].equals("pagedmembers")) {
                return pagedMembers(conversationId);
            }
            if (parts[5].equals("activities")) {
                return activity(request, conversationId, parts.length > 6 ? URLDecoder.decode(parts[6], StandardCharsets.UTF_8) : null);
            }
        }
        return json(404, "{\"error\":{\"code\":\"NotFound\"}}");
    }

    private MockResponse token(RecordedRequest request, String path) {
        String form = request.getBody() == null ? "" : request.getBody().utf8();
        Map<String, String> fields = new HashMap<>();
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                fields.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        if (!path.equals("/" + TENANT_ID + "/oauth2/v2.0/token") || !"client_credentials".equals(fields.get("grant_type"))
                || !APP_ID.equals(fields.get("client_id")) || !APP_PASSWORD.equals(fields.get("client_secret"))
                || !"https://api.botframework.com/.default".equals(fields.get("scope"))) {
            return json(400, "{\"error\":\"invalid_client\"}");
        }
        return json(200, "{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":\"bot-token-"
                + tokenFetches.incrementAndGet() + "\"}");
    }

    private MockResponse pagedMembers(String conversationId) {
        if (failingMembers.containsKey(conversationId)) {
            return failingMembers.get(conversationId);
        }
        ArrayNode list = JSON.createArrayNode();
        for (String[] member : members.getOrDefault(conversationId, List.of())) {
            list.addObject().put("id", "29:" + member[0]).put("name", member[1]).put("aadObjectId", member[0]);
        }
        return json(200, "{\"members\":" + list + "}");
    }

    private MockResponse activity(RecordedRequest request, String conversationId, String replyToId) {
        if (!scripted.isEmpty()) {
            return scripted.poll();
        }
        String body = request.getBody() == null ? "" : request.getBody().utf8();
        sent.add(new Sent(conversationId, replyToId, read(body), request.getHeaders().get("Authorization"),
                request.getUrl().encodedPath()));
        MockResponse.Builder answer = new MockResponse.Builder().code(201).addHeader("Content-Type", "application/json")
                .body("{\"id\":\"" + activityIds.incrementAndGet() + "\"}");
        if (postsToHang > 0) {
            postsToHang--;
            answer.headersDelay(hang.toMillis(), TimeUnit.MILLISECONDS);
        }
        return answer.build();
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    @Override
    public void close() {
        server.close();
    }
}
