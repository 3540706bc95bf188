package dev.contractgate.testing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A fake Chatwork API v2 on MockWebServer: {@code GET /me}, room members, reading and posting messages. It enforces
 * an account budget (announced in {@code X-RateLimit-*} headers, 429 beyond it) and the per-room posting limit
 * (429 with Chatwork's body beyond it), and can be told to fail the next posts.
 */
public final class FakeChatwork implements AutoCloseable {
    /** A message the bot posted. */
    public record Post(String roomId, String body, String messageId, Instant at) {
    }

    /** A message a person wrote in a room (read back by GET /rooms/{id}/messages). */
    public record Said(String roomId, String accountId, String body, String messageId, long sendTime) {
    }

    private final MockWebServer server = new MockWebServer();
    private final String botAccountId;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, List<String[]>> members = new HashMap<>();
    private final List<Post> posts = new ArrayList<>();
    private final List<Said> history = new ArrayList<>();
    private final Map<String, Deque<Instant>> roomPosts = new HashMap<>();
    private final Deque<MockResponse> scriptedPosts = new ArrayDeque<>();
    private final Map<String, MockResponse> failingMembers = new HashMap<>();
    private final AtomicLong memberReads = new AtomicLong();
    private final AtomicLong messageReads = new AtomicLong();
    private final AtomicLong roomLists = new AtomicLong();
    private final Map<String, Integer> failingReads = new HashMap<>();
    /** Each room's last_update_time (epoch seconds): when it was created, last written in, or set by a test. */
    private final Map<String, Long> roomUpdated = new HashMap<>();
    private final Map<String, Duration> hangAfterStoring = new HashMap<>();
    private final Map<String, Deque<MockResponse>> scriptedPostsIn = new HashMap<>();
    private final AtomicLong nextMessageId = new AtomicLong(7_000_000_000_000_000_000L);
    private int accountLimit = 300;
    private Duration accountWindow = Duration.ofMinutes(5);
    private int roomLimit = 10;
    private Duration roomWindow = Duration.ofSeconds(10);
    private Instant windowStart;
    private int usedInWindow;
    private int accountRejections;
    private int roomRejections;

    public FakeChatwork(String botAccountId) {
        this.botAccountId = botAccountId;
        server.setServerSocketFactory(new NoDelayServerSocketFactory());
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return FakeChatwork.this.dispatch(request);
            }
        });
        try {
            server.start();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The base URL to set as {@code CHATWORK_API_URL}. */
    /** The service's settings for talking to this fake as the bot (its API token and this fake's address). */
    public TestEnvironment configure(TestEnvironment environment) {
        return environment.set("CHATWORK_API_TOKEN", "bot-token").set("CHATWORK_API_URL", apiUrl());
    }

    public String apiUrl() {
        return server.url("/v2").toString();
    }

    public synchronized FakeChatwork members(String roomId, String... idAndNamePairs) {
        List<String[]> list = new ArrayList<>();
        for (int i = 0; i < idAndNamePairs.length; i += 2) {
            list.add(new String[] {idAndNamePairs[i], idAndNamePairs[i + 1]});
        }
        members.put(roomId, list);
        roomUpdated.merge(roomId, clock.instant().getEpochSecond(), Math::max);
        return this;
    }

    /** Sets the room's last_update_time, as if nothing had happened there since. */
    public synchronized FakeChatwork lastUpdated(String roomId, long epochSecond) {
        roomUpdated.put(roomId, epochSecond);
        return this;
    }

    /** The next {@code count} reads of the room's messages answer 500. */
    public synchronized FakeChatwork failNextReadsOf(String roomId, int count) {
        failingReads.put(roomId, count);
        return this;
    }

    /** How many times the bot has read a room's messages. */
    public long messageReads() {
        return messageReads.get();
    }

    /** How many times the bot has listed its rooms. */
    public long roomLists() {
        return roomLists.get();
    }

    public synchronized FakeChatwork accountLimit(int limit, Duration window) {
        this.accountLimit = limit;
        this.accountWindow = window;
        return this;
    }

    public synchronized FakeChatwork roomLimit(int limit, Duration window) {
        this.roomLimit = limit;
        this.roomWindow = window;
        return this;
    }

    /** The next posts get these answers instead of being accepted. */
    public synchronized FakeChatwork failNextPosts(MockResponse... responses) {
        scriptedPosts.addAll(List.of(responses));
        return this;
    }

    /** Every read of the room's members gets this answer, until {@link #recoverMembers}. */
    public synchronized FakeChatwork failMembers(String roomId, MockResponse response) {
        failingMembers.put(roomId, response);
        return this;
    }

    public synchronized FakeChatwork recoverMembers(String roomId) {
        failingMembers.remove(roomId);
        return this;
    }

    /** How many times the bot has asked for a room's members (answered or not). */
    public long memberReads() {
        return memberReads.get();
    }

    /** The next posts to this room get these answers instead of being accepted (other rooms are not affected). */
    public synchronized FakeChatwork failNextPostsIn(String roomId, MockResponse... responses) {
        scriptedPostsIn.computeIfAbsent(roomId, room -> new ArrayDeque<>()).addAll(List.of(responses));
        return this;
    }

    /**
     * Posts to this room are stored, but answered only after {@code delay} (past the client's timeout): the bot
     * cannot tell whether they went out.
     */
    public synchronized FakeChatwork storeThenHang(String roomId, Duration delay) {
        hangAfterStoring.put(roomId, delay);
        return this;
    }

    /** Posts to this room are answered at once again. */
    public synchronized FakeChatwork answerPromptly(String roomId) {
        hangAfterStoring.remove(roomId);
        return this;
    }

    /** A person writes in a room; the webhook is up to the test. Returns the message id. */
    public synchronized String say(String roomId, String accountId, String body, long sendTime) {
        String messageId = String.valueOf(nextMessageId.incrementAndGet());
        history.add(new Said(roomId, accountId, body, messageId, sendTime));
        roomUpdated.merge(roomId, clock.instant().getEpochSecond(), Math::max);
        return messageId;
    }

    public synchronized List<Post> posts() {
        return List.copyOf(posts);
    }

    public synchronized List<Post> postsIn(String roomId) {
        return posts.stream().filter(post -> post.roomId().equals(roomId)).toList();
    }

    public synchronized int accountRejections() {
        return accountRejections;
    }

    public synchronized int roomRejections() {
        return roomRejections;
    }

    public int requestCount() {
        return server.getRequestCount();
    }

    private synchronized MockResponse dispatch(RecordedRequest request) {
        Instant now = clock.instant();
        if (windowStart == null || !now.isBefore(windowStart.plus(accountWindow))) {
            windowStart = now;
            usedInWindow = 0;
        }
        String path = request.getUrl().encodedPath();
        if (usedInWindow >= accountLimit) {
            accountRejections++;
            return withBudget(new MockResponse.Builder().code(429).body("{\"errors\":[\"Rate limit exceeded\"]}"), 0).build();
        }
        usedInWindow++;
        int remaining = accountLimit - usedInWindow;
        if (path.equals("/v2/rooms")) {
            roomLists.incrementAndGet();
            StringBuilder body = new StringBuilder("[");
            for (String roomId : members.keySet()) {
                if (body.length() > 1) body.append(',');
                body.append("{\"room_id\":").append(roomId).append(",\"name\":\"room\",\"type\":\"group\",")
                        .append("\"last_update_time\":").append(roomUpdated.getOrDefault(roomId, 0L)).append('}');
            }
            return withBudget(json(200, body.append(']').toString()), remaining).build();
        }
        if (path.equals("/v2/me")) {
            return withBudget(json(200, "{\"account_id\":" + botAccountId + ",\"name\":\"ContractGate\",\"chatwork_id\":\"cg\"}"), remaining).build();
        }
        String[] parts = path.split("/");
        if (parts.length == 5 && parts[2].equals("rooms") && parts[4].equals("members")) {
            memberReads.incrementAndGet();
            if (failingMembers.containsKey(parts[3])) {
                return failingMembers.get(parts[3]);
            }
            StringBuilder body = new StringBuilder("[");
            for (String[] member : members.getOrDefault(parts[3], List.of())) {
                if (body.length() > 1) body.append(',');
                body.append("{\"account_id\":").append(member[0]).append(",\"role\":\"member\",\"name\":\"")
                        .append(ChatworkWebhooks.escape(member[1])).append("\"}");
            }
            return withBudget(json(200, body.append(']').toString()), remaining).build();
        }
        if (parts.length == 5 && parts[2].equals("rooms") && parts[4].equals("messages")) {
            if (!"POST".equals(request.getMethod())) {
                messageReads.incrementAndGet();
                if (failingReads.getOrDefault(parts[3], 0) > 0) {
                    failingReads.merge(parts[3], -1, Integer::sum);
                    return json(500, "{\"errors\":[\"Internal error\"]}").build();
                }
            }
            return "POST".equals(request.getMethod()) ? post(parts[3], request, now, remaining) : read(parts[3], remaining);
        }
        return json(404, "{\"errors\":[\"Not found\"]}").build();
    }

    private MockResponse post(String roomId, RecordedRequest request, Instant now, int remaining) {
        if (!scriptedPosts.isEmpty()) {
            return scriptedPosts.poll();
        }
        Deque<MockResponse> forRoom = scriptedPostsIn.get(roomId);
        if (forRoom != null && !forRoom.isEmpty()) {
            return forRoom.poll();
        }
        Deque<Instant> recent = roomPosts.computeIfAbsent(roomId, room -> new ArrayDeque<>());
        while (!recent.isEmpty() && !recent.peekFirst().plus(roomWindow).isAfter(now)) {
            recent.pollFirst();
        }
        if (recent.size() >= roomLimit) {
            roomRejections++;
            return withBudget(json(429, "{\"errors\":[\"Rate limit for message posting per room exceeded.\"]}"), remaining).build();
        }
        recent.addLast(now);
        String form = request.getBody() == null ? "" : request.getBody().utf8();
        String text = "";
        for (String pair : form.split("&")) {
            if (pair.startsWith("body=")) {
                text = URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
            }
        }
        String messageId = String.valueOf(nextMessageId.incrementAndGet());
        posts.add(new Post(roomId, text, messageId, now));
        roomUpdated.merge(roomId, now.getEpochSecond(), Math::max);
        MockResponse.Builder answer = withBudget(json(200, "{\"message_id\":\"" + messageId + "\"}"), remaining);
        Duration hang = hangAfterStoring.get(roomId);
        if (hang != null) {
            answer.headersDelay(hang.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        return answer.build();
    }

    private MockResponse read(String roomId, int remaining) {
        List<Said> messages = new ArrayList<>();
        history.stream().filter(said -> said.roomId().equals(roomId)).forEach(messages::add);
        for (Post post : postsIn(roomId)) {
            messages.add(new Said(roomId, botAccountId, post.body(), post.messageId(), post.at().getEpochSecond()));
        }
        messages.sort(java.util.Comparator.comparingLong(Said::sendTime));
        StringBuilder body = new StringBuilder("[");
        for (Said message : messages) {
            if (body.length() > 1) body.append(',');
            body.append("{\"message_id\":\"").append(message.messageId()).append("\",\"account\":{\"account_id\":")
                    .append(message.accountId()).append(",\"name\":\"someone\"},\"body\":\"")
                    .append(ChatworkWebhooks.escape(message.body())).append("\",\"send_time\":")
                    .append(message.sendTime()).append(",\"update_time\":0}");
        }
        return withBudget(json(200, body.append(']').toString()), remaining).build();
    }

    /**
     * Accepted sockets with TCP_NODELAY: otherwise a response written in two segments waits for the client's
     * delayed ACK, and every call to the fake takes about 40 ms on loopback.
     */
    private static final class NoDelayServerSocketFactory extends javax.net.ServerSocketFactory {
        @Override
        public java.net.ServerSocket createServerSocket() throws java.io.IOException {
            return new java.net.ServerSocket() {
                @Override
                public java.net.Socket accept() throws java.io.IOException {
                    java.net.Socket socket = super.accept();
                    socket.setTcpNoDelay(true);
                    return socket;
                }
            };
        }

        @Override
        public java.net.ServerSocket createServerSocket(int port) throws java.io.IOException {
            java.net.ServerSocket socket = createServerSocket();
            socket.bind(new java.net.InetSocketAddress(port));
            return socket;
        }

        @Override
        public java.net.ServerSocket createServerSocket(int port, int backlog) throws java.io.IOException {
            java.net.ServerSocket socket = createServerSocket();
            socket.bind(new java.net.InetSocketAddress(port), backlog);
            return socket;
        }

        @Override
        public java.net.ServerSocket createServerSocket(int port, int backlog, java.net.InetAddress address) throws java.io.IOException {
            java.net.ServerSocket socket = createServerSocket();
            socket.bind(new java.net.InetSocketAddress(address, port), backlog);
            return socket;
        }
    }

    private MockResponse.Builder withBudget(MockResponse.Builder response, int remaining) {
        return response.addHeader("X-RateLimit-Limit", String.valueOf(accountLimit))
                .addHeader("X-RateLimit-Remaining", String.valueOf(remaining))
                .addHeader("X-RateLimit-Reset", String.valueOf(windowStart.plus(accountWindow).getEpochSecond()));
    }

    private static MockResponse.Builder json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body);
    }

    @Override
    public void close() {
        server.close();
    }
}
