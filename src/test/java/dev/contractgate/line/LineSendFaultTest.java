package dev.contractgate.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contractgate.Json;
import dev.contractgate.chat.Delivery;
import dev.contractgate.chat.Outgoing;
import dev.contractgate.chat.ReplyHandle;
import dev.contractgate.chat.SendException;
import dev.contractgate.chat.Settlement;
import dev.contractgate.config.LineConfig;
import dev.contractgate.db.Database;
import dev.contractgate.testing.TestClock;
import dev.contractgate.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What LINE's answers to a reply or a push make of an outbox entry: a timeout or a 5xx is an unknown outcome that is
 * settled without a second message, a 429 waits, a 409 to a retry key is a send, a refusal is final, and the quota
 * decides which pushes go when it runs low.
 */
@Tag("fault")
@Timeout(30)
class LineSendFaultTest {
    static final String USER = "U" + "1".repeat(32);
    static final String TOKEN = "a".repeat(32);

    @TempDir
    Path folder;

    private final TestClock clock = TestClock.atNow();
    private final MockWebServer server = new MockWebServer();
    private final Deque<MockResponse> posts = new ArrayDeque<>();
    private final List<RecordedRequest> sent = new ArrayList<>();
    private String quota = "{\"type\":\"limited\",\"value\":200}";
    private long used;
    private Database database;
    private LineOutbound outbound;

    @BeforeEach
    void start() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer(request);
            }
        });
        server.start(java.net.InetAddress.getLoopbackAddress(), 0);
        database = TestDatabases.sqlite(folder);
        outbound = outbound(LineConfig.Quota.defaults());
    }

    private LineOutbound outbound(LineConfig.Quota config) {
        OkHttpClient http = new OkHttpClient.Builder().readTimeout(300, TimeUnit.MILLISECONDS)
                .callTimeout(2, TimeUnit.SECONDS).build();
        LineClient client = new LineClient(http, "http://127.0.0.1:" + server.getPort(), "token", Json.create());
        return new LineOutbound(client, new LineQuota(client::quota, config, clock), database.jdbi(), Json.create(), clock,
                java.util.Set.of());
    }

    @AfterEach
    void stop() {
        server.close();
        database.close();
    }

    private synchronized MockResponse answer(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (path.equals("/v2/bot/message/quota")) {
            return json(200, quota);
        }
        if (path.equals("/v2/bot/message/quota/consumption")) {
            return json(200, "{\"totalUsage\":" + used + "}");
        }
        sent.add(request);
        MockResponse next = posts.poll();
        return next != null ? next : json(200, "{\"sentMessages\":[{\"id\":\"" + sent.size() + "\"}]}");
    }

    private synchronized List<RecordedRequest> sent() {
        return List.copyOf(sent);
    }

    private synchronized void answerNext(MockResponse... responses) {
        posts.addAll(List.of(responses));
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    private static MockResponse hang() {
        return new MockResponse.Builder().code(200).body("{}").headersDelay(2, TimeUnit.SECONDS).build();
    }

    private Outgoing entry(long id, String kind, ReplyHandle handle) {
        return new Outgoing(id, LineChannel.NAME, USER, kind, "本文", null, List.of(), handle, "retry-key-" + id, null,
                clock.instant());
    }

    private ReplyHandle fresh() {
        return new ReplyHandle(TOKEN, clock.instant().plusSeconds(50));
    }

    @Test
    void pushesWithTheEntrysRetryKeyAndTakesA409AsSent() {
        answerNext(json(409, "{\"message\":\"The retry key is already accepted\"}"));

        Delivery delivery = outbound.post(entry(1, "gate_warning", null));

        assertThat(delivery).isInstanceOf(Delivery.Sent.class);
        assertThat(sent()).singleElement().satisfies(push -> {
            assertThat(push.getUrl().encodedPath()).isEqualTo("/v2/bot/message/push");
            assertThat(push.getHeaders().get("X-Line-Retry-Key")).isEqualTo("retry-key-1");
            assertThat(push.getHeaders().get("Authorization")).isEqualTo("Bearer token");
        });
    }

    @Test
    void settlesATimedOutPushBySendingItAgainWithTheSameKey() {
        answerNext(hang());
        Outgoing entry = entry(1, "gate_warning", null);

        assertThatThrownBy(() -> outbound.post(entry)).isInstanceOfSatisfying(SendException.class,
                e -> assertThat(e.kind()).isEqualTo(SendException.Kind.UNKNOWN_OUTCOME));
        assertThat(outbound.settle(entry)).as("the retry key makes a second push safe").isEqualTo(Settlement.NOT_POSTED);
        answerNext(json(409, "{\"message\":\"The retry key is already accepted\"}"));
        assertThat(outbound.post(entry)).isInstanceOf(Delivery.Sent.class);

        assertThat(sent()).extracting(request -> request.getHeaders().get("X-Line-Retry-Key"))
                .containsExactly("retry-key-1", "retry-key-1");
    }

    @Test
    void takesA5xxAsAnUnknownOutcomeA429AsAWaitAndOther4xxAsFinal() {
        answerNext(json(500, "{\"message\":\"Internal error\"}"), json(429, "{\"message\":\"Too many requests\"}"),
                json(400, "{\"message\":\"The request body has 1 error(s)\"}"));

        assertThat(kindOf(entry(1, "gate_warning", null))).isEqualTo(SendException.Kind.UNKNOWN_OUTCOME);
        assertThat(kindOf(entry(2, "gate_warning", null))).isEqualTo(SendException.Kind.ACCOUNT_RATE_LIMITED);
        assertThat(kindOf(entry(3, "gate_warning", null))).isEqualTo(SendException.Kind.PERMANENT);
    }

    @Test
    void takesARefusedConnectionAsNotSent() {
        server.close();

        assertThat(kindOf(entry(1, "command_reply", fresh()))).isEqualTo(SendException.Kind.TRANSIENT);
    }

    private SendException.Kind kindOf(Outgoing entry) {
        try {
            outbound.post(entry);
            throw new AssertionError("posted");
        } catch (SendException e) {
            return e.kind();
        }
    }

    @Test
    void repliesThroughAFreshTokenOnceAndPushesASecondReplyToTheSameEvent() {
        assertThat(outbound.post(entry(1, "gate_warning", fresh()))).isInstanceOf(Delivery.Sent.class);
        assertThat(outbound.post(entry(2, "contact_alert", fresh()))).isInstanceOf(Delivery.Sent.class);

        assertThat(sent()).extracting(request -> request.getUrl().encodedPath())
                .containsExactly("/v2/bot/message/reply", "/v2/bot/message/push");
        assertThat(sent().get(0).getBody().utf8()).contains("\"replyToken\":\"" + TOKEN + "\"");
    }

    @Test
    void settlesAReplyWithAnUnknownOutcomeThroughTheSameTokenNeverByAPush() {
        answerNext(hang(), json(400, "{\"message\":\"Invalid reply token\"}"));
        Outgoing entry = entry(1, "gate_warning", fresh());

        assertThat(kindOf(entry)).isEqualTo(SendException.Kind.UNKNOWN_OUTCOME);
        Settlement settlement = outbound.settle(entry);

        assertThat(settlement).as("the token was used: by the first try").isEqualTo(new Settlement.Posted("unconfirmed"));
        assertThat(sent()).extracting(request -> request.getUrl().encodedPath())
                .containsExactly("/v2/bot/message/reply", "/v2/bot/message/reply");
    }

    @Test
    void postsAReplyWhoseFirstTryNeverArrivedWhenSettlingWhileTheTokenIsFresh() {
        answerNext(json(502, "{\"message\":\"Bad gateway\"}"));
        Outgoing entry = entry(1, "gate_warning", fresh());

        assertThat(kindOf(entry)).isEqualTo(SendException.Kind.UNKNOWN_OUTCOME);

        assertThat(outbound.settle(entry)).isInstanceOf(Settlement.Posted.class).isNotEqualTo(new Settlement.Posted("unconfirmed"));
        assertThat(sent()).hasSize(2);
    }

    @Test
    void recordsAReplyAsUnconfirmedWhenItsTokenWentStaleBeforeItCouldBeSettled() {
        answerNext(hang());
        Outgoing entry = entry(1, "gate_warning", fresh());
        assertThat(kindOf(entry)).isEqualTo(SendException.Kind.UNKNOWN_OUTCOME);

        clock.advance(Duration.ofMinutes(2));

        assertThat(outbound.settle(entry)).isEqualTo(new Settlement.Posted("unconfirmed"));
        assertThat(sent()).as("no push: it could be the second copy").hasSize(1);
    }

    @Test
    void defersEverythingWhenTheQuotaIsUsedUpUntilTheRecheck() {
        used = 200;

        SendException refused = refusal(entry(1, "scam_alert", null));

        assertThat(refused.kind()).isEqualTo(SendException.Kind.QUOTA_EXHAUSTED);
        assertThat(refused.retryAt()).isAfter(clock.instant()).isBeforeOrEqualTo(clock.instant().plus(Duration.ofHours(1)));
        assertThat(refused.getMessage()).contains("used up");
        assertThat(sent()).isEmpty();
        assertThat(outbound.post(entry(2, "command_reply", fresh()))).as("a reply is free").isInstanceOf(Delivery.Sent.class);
    }

    @Test
    void keepsALowQuotaForTheKindsListedFirst() {
        outbound = outbound(new LineConfig.Quota(List.of("scam_alert", "gate_warning", "command_reply"), 30, null, null));
        used = 185; // 15 left: below the low mark of 30

        assertThat(outbound.post(entry(1, "scam_alert", null))).as("first: may use the quota to the end")
                .isInstanceOf(Delivery.Sent.class);
        assertThat(outbound.post(entry(2, "gate_warning", null))).as("second: keeps 10 back").isInstanceOf(Delivery.Sent.class);
        assertThat(refusal(entry(3, "command_reply", null)).getMessage()).as("third: keeps 20 back")
                .contains("kept for scam_alert, gate_warning");
        assertThat(refusal(entry(4, "introduction", null)).kind()).as("not listed: waits as soon as it is low")
                .isEqualTo(SendException.Kind.QUOTA_EXHAUSTED);
        assertThat(sent()).hasSize(2);
    }

    @Test
    void waitsInsteadOfGuessingWhenTheQuotaWasNeverRead() {
        quota = "not json";

        assertThat(refusal(entry(1, "scam_alert", null)).kind()).isEqualTo(SendException.Kind.TRANSIENT);
        assertThat(sent()).isEmpty();
    }

    private SendException refusal(Outgoing entry) {
        try {
            outbound.post(entry);
            throw new AssertionError("posted");
        } catch (SendException e) {
            return e;
        }
    }

    @Test
    void asksForNothingAfterAStaleReplyButPushes() {
        Outgoing entry = entry(1, "gate_warning", new ReplyHandle(TOKEN, Instant.EPOCH));

        assertThat(outbound.post(entry)).isInstanceOf(Delivery.Sent.class);

        assertThat(sent()).extracting(request -> request.getUrl().encodedPath()).containsExactly("/v2/bot/message/push");
    }
}
