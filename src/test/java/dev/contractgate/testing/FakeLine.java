package dev.contractgate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contractgate.line.LineSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * The LINE Messaging API on loopback: it checks the channel access token, records replies and pushes, takes each
 * reply token once and lets a test expire it, honours {@code X-Line-Retry-Key} (a key it accepted before answers 409),
 * counts pushes against a monthly quota per recipient, serves member ids (or refuses them, as for an unverified
 * account), profiles and member counts, and can be told to answer 429 or 500 or to hang. It also writes and signs the
 * webhook deliveries LINE would send.
 */
public final class FakeLine implements AutoCloseable {
    public static final String CHANNEL_SECRET = "0123456789abcdef0123456789abcdef";
    public static final String OLD_CHANNEL_SECRET = "fedcba9876543210fedcba9876543210";
    public static final String ACCESS_TOKEN = "line-channel-access-token-1";
    public static final String BOT = "U" + "b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0";

    /** A message the bot sent: through a reply token ({@code to} null) or pushed to {@code to}. */
    public record Sent(String via, String to, String replyToken, String retryKey, JsonNode messages, String authorization) {
        public String text() {
            return messages.path(0).path("text").asText();
        }

        /** The user ids the textV2 substitutions mention. */
        public List<String> mentioned() {
            List<String> ids = new ArrayList<>();
            messages.path(0).path("substitution").forEach(value -> ids.add(value.path("mentionee").path("userId").asText()));
            return ids;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MockWebServer server = new MockWebServer();
    private final Map<String, Map<String, String>> groups = new HashMap<>();
    private final Map<String, String> friends = new HashMap<>();
    private final Map<String, Boolean> tokens = new HashMap<>();
    private final Set<String> acceptedKeys = new HashSet<>();
    private final List<Sent> sent = new ArrayList<>();
    private final Deque<MockResponse> scripted = new ArrayDeque<>();
    private final AtomicLong ids = new AtomicLong(500_000_000_000_000L);
    private boolean memberIdsAllowed = true;
    private Long quotaLimit = 200L;
    private long quotaUsed;
    private int postsToHang;
    private Duration hang;

    public FakeLine() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return FakeLine.this.dispatch(request);
            }
        });
        try {
            server.start(java.net.InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String base() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** The variables that point a service at this fake, with full credentials. */
    public TestEnvironment configure(TestEnvironment environment) {
        return environment.set("LINE_CHANNEL_SECRET", CHANNEL_SECRET)
                .set("LINE_CHANNEL_ACCESS_TOKEN", ACCESS_TOKEN)
                .set("LINE_API_URL", base());
    }

    /** A group and its members (user id, display name, …). */
    public synchronized FakeLine group(String groupId, String... idAndNamePairs) {
        Map<String, String> members = new LinkedHashMap<>();
        for (int i = 0; i < idAndNamePairs.length; i += 2) {
            members.put(idAndNamePairs[i], idAndNamePairs[i + 1]);
        }
        groups.put(groupId, members);
        return this;
    }

    /** A person who added the account as a friend (their profile reads, their 1:1 chat takes pushes). */
    public synchronized FakeLine friend(String userId, String name) {
        friends.put(userId, name);
        return this;
    }

    /** As an unverified account: the member-id list is refused (403). */
    public synchronized FakeLine refuseMemberIds() {
        memberIdsAllowed = false;
        return this;
    }

    /** The monthly push quota and what is used of it; null for a plan without a limit. */
    public synchronized FakeLine quota(Long limit, long used) {
        quotaLimit = limit;
        quotaUsed = used;
        return this;
    }

    public synchronized long quotaUsed() {
        return quotaUsed;
    }

    /** The next reply or push requests get these answers instead. */
    public synchronized FakeLine answerNextPosts(MockResponse... responses) {
        scripted.addAll(List.of(responses));
        return this;
    }

    /** The next {@code posts} replies or pushes are kept, but answered only after {@code delay}. */
    public synchronized FakeLine storeThenHang(int posts, Duration delay) {
        postsToHang = posts;
        hang = delay;
        return this;
    }

    /** The reply token can no longer be used (LINE let it expire). */
    public synchronized void expire(String replyToken) {
        tokens.put(replyToken, true);
    }

    public synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }

    public synchronized List<Sent> pushes() {
        return sent.stream().filter(post -> post.via().equals("push")).toList();
    }

    public synchronized List<Sent> replies() {
        return sent.stream().filter(post -> post.via().equals("reply")).toList();
    }

    // --- deliveries -------------------------------------------------------------------------------------------

    /** A new webhook event id (a ULID's shape: 26 upper-case letters and digits). */
    public String nextEventId() {
        return String.format("01J%023d", ids.incrementAndGet());
    }

    /** An event of {@code type} in a group (or a 1:1 chat when {@code groupId} is a user id), from {@code userId}. */
    public synchronized ObjectNode event(String type, String groupId, String userId) {
        ObjectNode event = JSON.createObjectNode().put("type", type).put("mode", "active")
                .put("timestamp", System.currentTimeMillis()).put("webhookEventId", nextEventId());
        ObjectNode source = event.putObject("source");
        if (groupId.startsWith("U")) {
            source.put("type", "user");
        } else {
            source.put("type", "group").put("groupId", groupId);
        }
        if (userId != null) {
            source.put("userId", userId);
        }
        event.putObject("deliveryContext").put("isRedelivery", false);
        return event;
    }

    /** An event that can be answered: it carries a fresh reply token. */
    public synchronized ObjectNode answerable(String type, String groupId, String userId) {
        ObjectNode event = event(type, groupId, userId);
        String token = java.util.UUID.randomUUID().toString().replace("-", "");
        tokens.put(token, false);
        event.put("replyToken", token);
        return event;
    }

    /** A text message; with {@code toBot} it mentions the bot first ({@code @ContractGate …}). */
    public ObjectNode message(String groupId, String userId, String text, boolean toBot) {
        ObjectNode event = answerable("message", groupId, userId);
        String mention = "@ContractGate ";
        ObjectNode message = event.putObject("message").put("id", String.valueOf(ids.incrementAndGet()))
                .put("type", "text").put("quoteToken", "q-" + ids.get()).put("text", toBot ? mention + text : text);
        if (toBot) {
            message.putObject("mention").putArray("mentionees").addObject().put("index", 0)
                    .put("length", mention.length() - 1).put("type", "user").put("userId", BOT).put("isSelf", true);
        }
        return event;
    }

    /** A delivery of these events, as LINE sends it. */
    public static ObjectNode delivery(JsonNode... events) {
        ObjectNode delivery = JSON.createObjectNode().put("destination", BOT);
        ArrayNode list = delivery.putArray("events");
        for (JsonNode event : events) {
            list.add(event);
        }
        return delivery;
    }

    /** POSTs a delivery to the service's webhook, signed with the channel secret. */
    public static TestHttp.Answer deliver(TestHttp http, JsonNode delivery) {
        byte[] body = delivery.toString().getBytes(StandardCharsets.UTF_8);
        return deliver(http, body, LineSignature.sign(CHANNEL_SECRET, body));
    }

    /** POSTs raw bytes with this signature (null for none). */
    public static TestHttp.Answer deliver(TestHttp http, byte[] body, String signature) {
        okhttp3.Request.Builder request = new okhttp3.Request.Builder().url(http.url("/webhooks/line"))
                .post(okhttp3.RequestBody.create(body, TestHttp.JSON));
        if (signature != null) {
            request.header("x-line-signature", signature);
        }
        return http.send(request.build());
    }

    /** Delivers events and waits until the service has handled each. */
    public static void deliverAndWait(RunningService service, JsonNode... events) {
        TestHttp.Answer answer = deliver(service.http(), delivery(events));
        if (answer.status() != 200) {
            throw new AssertionError("the webhook answered " + answer.status() + ": " + answer.body());
        }
        for (JsonNode event : events) {
            String id = event.path("webhookEventId").asText();
            Eventually.await("event " + id + " handled", () -> service.jdbi().withHandle(handle ->
                    handle.createQuery("SELECT COUNT(*) FROM inbox_event WHERE channel = 'line' AND message_id = :id"
                            + " AND status <> 'pending'").bind("id", id).mapTo(Integer.class).one()) >= 1);
        }
    }

    // --- what it serves ---------------------------------------------------------------------------------------

    private synchronized MockResponse dispatch(RecordedRequest request) {
        String authorization = request.getHeaders().get("Authorization");
        if (!("Bearer " + ACCESS_TOKEN).equals(authorization)) {
            return json(401, "{\"message\":\"Authentication failed due to the following reason: invalid token.\"}");
        }
        String path = request.getUrl().encodedPath();
        String[] parts = path.split("/");
        try {
            if (path.equals("/v2/bot/message/reply") || path.equals("/v2/bot/message/push")) {
                return post(request, authorization);
            }
            if (path.equals("/v2/bot/info")) {
                return json(200, "{\"userId\":\"" + BOT + "\",\"basicId\":\"@123abcde\",\"displayName\":\"ContractGate\"}");
            }
            if (path.equals("/v2/bot/message/quota")) {
                return json(200, quotaLimit == null ? "{\"type\":\"none\"}" : "{\"type\":\"limited\",\"value\":" + quotaLimit + "}");
            }
            if (path.equals("/v2/bot/message/quota/consumption")) {
                return json(200, "{\"totalUsage\":" + quotaUsed + "}");
            }
            if (parts.length == 5 && parts[3].equals("profile")) {
                String name = friends.get(parts[4]);
                return name == null ? json(404, "{\"message\":\"Not found\"}") : profile(parts[4], name);
            }
            if (parts.length >= 6 && parts[3].equals("group")) {
                Map<String, String> members = groups.get(parts[4]);
                if (members == null) {
                    return json(404, "{\"message\":\"Not found\"}");
                }
                if (parts.length == 7 && parts[5].equals("member")) {
                    String name = members.get(parts[6]);
                    return name == null ? json(404, "{\"message\":\"Not found\"}") : profile(parts[6], name);
                }
                if (path.endsWith("/members/count")) {
                    return json(200, "{\"count\":" + members.size() + "}");
                }
                if (path.endsWith("/members/ids")) {
                    if (!memberIdsAllowed) {
                        return json(403, "{\"message\":\"Access to this API is not available for your account\"}");
                    }
                    ObjectNode answer = JSON.createObjectNode();
                    members.keySet().forEach(answer.putArray("memberIds")::add);
                    return json(200, answer.toString());
                }
            }
            return json(404, "{\"message\":\"Not found\"}");
        } catch (IOException e) {
            return json(400, "{\"message\":\"The request body has 1 error(s)\"}");
        }
    }

    private MockResponse post(RecordedRequest request, String authorization) throws IOException {
        JsonNode body = JSON.readTree(request.getBody().utf8());
        if (!scripted.isEmpty()) {
            return scripted.poll();
        }
        boolean reply = request.getUrl().encodedPath().endsWith("/reply");
        String retryKey = request.getHeaders().get("X-Line-Retry-Key");
        if (reply) {
            String token = body.path("replyToken").asText();
            Boolean spent = tokens.get(token);
            if (spent == null || spent) {
                return json(400, "{\"message\":\"Invalid reply token\"}");
            }
            tokens.put(token, true);
        } else {
            if (retryKey != null && !acceptedKeys.add(retryKey)) {
                return new MockResponse.Builder().code(409).addHeader("Content-Type", "application/json")
                        .addHeader("x-line-accepted-request-id", "accepted-" + retryKey)
                        .body("{\"message\":\"The retry key is already accepted\",\"sentMessages\":[]}").build();
            }
            String to = body.path("to").asText();
            quotaUsed += to.startsWith("U") ? 1 : groups.getOrDefault(to, Map.of()).size();
        }
        sent.add(new Sent(reply ? "reply" : "push", reply ? null : body.path("to").asText(),
                reply ? body.path("replyToken").asText() : null, retryKey, body.path("messages"), authorization));
        MockResponse.Builder answer = new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body("{\"sentMessages\":[{\"id\":\"" + ids.incrementAndGet() + "\",\"quoteToken\":\"q\"}]}");
        if (postsToHang > 0) {
            postsToHang--;
            answer.headersDelay(hang.toMillis(), TimeUnit.MILLISECONDS);
        }
        return answer.build();
    }

    private static MockResponse profile(String userId, String name) {
        return json(200, "{\"displayName\":\"" + name + "\",\"userId\":\"" + userId + "\",\"language\":\"ja\"}");
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    @Override
    public void close() {
        server.close();
    }
}
