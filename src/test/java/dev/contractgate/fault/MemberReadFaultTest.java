package dev.contractgate.fault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contractgate.inbox.InboxDao;
import dev.contractgate.inbox.InboxEvent;
import dev.contractgate.outbox.OutboxDao;
import dev.contractgate.outbox.OutboxEntry;
import dev.contractgate.testing.ChatworkWebhooks;
import dev.contractgate.testing.Eventually;
import dev.contractgate.testing.FakeChatwork;
import dev.contractgate.testing.RegistryCalls;
import dev.contractgate.testing.RunningService;
import dev.contractgate.testing.TestClock;
import dev.contractgate.testing.TestEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code GET /rooms/{id}/members} fails for a room the bot has not seen. The bot must not act on an empty list (it
 * used to post the setup notice in a room whose freelancer is registered, then stay silent for a day): the event
 * waits, the room's later events wait behind it, and once reads recover it is acted on correctly, once. A room the
 * bot is no longer in (403, 404) ends the event as ignored.
 */
@Tag("fault")
@Timeout(60)
class MemberReadFaultTest {
    static final String BOT = TestEnvironment.BOT_ACCOUNT_ID;
    static final String FREELANCER = "2001";
    static final String CLIENT = "3001";
    static final String ROOM = "777";
    static final String OTHER_ROOM = "778";

    @TempDir
    Path folder;

    private final TestClock clock = TestClock.atNow();
    private final AtomicLong messageIds = new AtomicLong(984_676_321_621_704_704L);
    private FakeChatwork chatwork;
    private RunningService service;

    @BeforeEach
    void start() {
        chatwork = new FakeChatwork(BOT)
                .members(ROOM, BOT, "ContractGate", FREELANCER, "山田 花子", CLIENT, "佐藤 商事")
                .members(OTHER_ROOM, BOT, "ContractGate", FREELANCER, "山田 花子", "3002", "田中");
        service = RunningService.start(chatwork.configure(new TestEnvironment(folder))
                .useConfig("chatwork:\n  request_timeout: 300ms\n  catch_up_interval: 0s\ninbox:\n  poll_interval: 50ms\n"), clock);
        new RegistryCalls(service.http(), TestEnvironment.OPERATOR_KEY).party(FREELANCER, "freelancer");
    }

    @AfterEach
    void stop() {
        service.close();
        chatwork.close();
    }

    private static MockResponse failure(String kind) {
        return switch (kind) {
            case "timeout" -> new MockResponse.Builder().code(200).body("[]").headersDelay(2, TimeUnit.SECONDS).build();
            case "empty" -> new MockResponse.Builder().code(200).body("[]").build();
            case "malformed" -> new MockResponse.Builder().code(200).body("{\"errors\":[]}").build();
            default -> new MockResponse.Builder().code(Integer.parseInt(kind))
                    .body("{\"errors\":[\"Chatwork says " + kind + "\"]}").build();
        };
    }

    /** Delivers a message as Chatwork would; returns its id once it is stored (not yet handled). */
    private String deliver(String roomId, String sender, String text) {
        String messageId = String.valueOf(messageIds.incrementAndGet());
        String body = ChatworkWebhooks.created(messageId, roomId, sender, text, clock.instant().getEpochSecond());
        assertThat(service.http().send(ChatworkWebhooks.signed(service.http(), body)).status()).isEqualTo(200);
        return messageId;
    }

    private InboxEvent event(String messageId) {
        return service.jdbi().onDemand(InboxDao.class).list(null, 100).stream()
                .filter(event -> event.messageId().equals(messageId)).findFirst().orElseThrow();
    }

    /** Waits until the event has been tried and put back to wait for a later time than the clock's. */
    private void awaitWaiting(String messageId) {
        Eventually.await("message " + messageId + " waits for the channel", () -> {
            InboxEvent event = event(messageId);
            return event.status().equals(InboxEvent.PENDING) && event.lastError() != null
                    && event.availableAt().isAfter(clock.instant()) && event.leaseOwner() == null;
        });
    }

    private void awaitSettled(String messageId) {
        Eventually.await("message " + messageId + " handled", () -> !event(messageId).status().equals(InboxEvent.PENDING));
    }

    private List<OutboxEntry> outbox() {
        return service.jdbi().onDemand(OutboxDao.class).list(null, null, 100);
    }

    @ParameterizedTest(name = "members answer {0}")
    @ValueSource(strings = {"500", "429", "timeout", "empty", "malformed"})
    void waitsWhileTheMembersCannotBeReadAndActsCorrectlyOnceTheyCan(String kind) {
        chatwork.failMembers(ROOM, failure(kind));

        String first = deliver(ROOM, CLIENT, "はじめまして。ご提案ありがとうございます。");
        awaitWaiting(first);
        InboxEvent waiting = event(first);
        assertThat(waiting.attempts()).as("a wait is not a processing attempt").isZero();
        assertThat(waiting.lastError()).startsWith("waiting for chatwork");
        assertThat(outbox()).as("nothing decided on a list that could not be read").isEmpty();

        // A later message of the same room waits behind the first; another room goes on meanwhile.
        String second = deliver(ROOM, CLIENT, "LINEで連絡しませんか？");
        String elsewhere = deliver(OTHER_ROOM, "3002", "よろしくお願いします。");
        awaitSettled(elsewhere);
        assertThat(event(second).status()).isEqualTo(InboxEvent.PENDING);
        assertThat(event(second).attempts()).isZero();
        assertThat(outbox()).noneMatch(entry -> entry.roomId().equals(ROOM));

        chatwork.recoverMembers(ROOM);
        clock.advance(Duration.ofMinutes(6));
        awaitSettled(first);
        awaitSettled(second);

        assertThat(event(first).status()).isEqualTo(InboxEvent.DONE);
        assertThat(event(second).status()).isEqualTo(InboxEvent.DONE);
        List<OutboxEntry> inRoom = outbox().stream().filter(entry -> entry.roomId().equals(ROOM)).toList();
        assertThat(inRoom).extracting(OutboxEntry::kind).doesNotContain("setup_notice").contains("introduction");
        assertThat(inRoom).filteredOn(entry -> entry.kind().equals("introduction")).singleElement()
                .satisfies(warning -> assertThat(warning.triggerMessageId()).as("the first message, first").isEqualTo(first));
        JsonNode room = service.http().get("/api/rooms/chatwork/" + ROOM, TestEnvironment.OPERATOR_KEY).json();
        assertThat(room.get("gate").asText()).isEqualTo("uncovered");
        assertThat(room.get("members_source").asText()).isEqualTo("channel");
    }

    @ParameterizedTest(name = "members answer {0}")
    @ValueSource(strings = {"403", "404"})
    void setsAsideTheEventsOfARoomTheBotIsNoLongerIn(String status) {
        chatwork.failMembers(ROOM, failure(status));

        String messageId = deliver(ROOM, CLIENT, "はじめまして。");
        awaitSettled(messageId);

        InboxEvent event = event(messageId);
        assertThat(event.status()).isEqualTo(InboxEvent.IGNORED);
        assertThat(event.note()).contains("no longer in chatwork room " + ROOM).contains(status);
        assertThat(outbox()).isEmpty();
    }

    @Test
    void waitsAsOftenAsItTakesWithoutUsingUpItsAttempts() {
        chatwork.failMembers(ROOM, failure("503"));
        String messageId = deliver(ROOM, CLIENT, "はじめまして。");
        for (int i = 0; i < 8; i++) { // inbox.max_attempts is 5
            awaitWaiting(messageId);
            clock.advance(Duration.ofMinutes(6));
        }
        awaitWaiting(messageId);
        long reads = chatwork.memberReads();

        chatwork.recoverMembers(ROOM);
        clock.advance(Duration.ofMinutes(6));
        awaitSettled(messageId);

        assertThat(reads).isGreaterThanOrEqualTo(9);
        assertThat(event(messageId).status()).isEqualTo(InboxEvent.DONE);
        assertThat(outbox()).extracting(OutboxEntry::kind).containsExactly("introduction");
    }

    @Test
    void goesByTheListReadBeforeForAKnownSenderButWaitsForANewOne() {
        String first = deliver(ROOM, CLIENT, "はじめまして。");
        awaitSettled(first);
        chatwork.failMembers(ROOM, failure("500"));
        clock.advance(Duration.ofMinutes(11)); // past rooms.members_ttl: the list is read again, and that fails

        String known = deliver(ROOM, CLIENT, "よろしくお願いします。");
        awaitSettled(known);
        String stranger = deliver(ROOM, "3999", "はじめまして、担当の者です。");
        awaitWaiting(stranger);

        assertThat(event(known).status()).isEqualTo(InboxEvent.DONE);
        assertThat(event(stranger).attempts()).isZero();
        chatwork.members(ROOM, BOT, "ContractGate", FREELANCER, "山田 花子", CLIENT, "佐藤 商事", "3999", "鈴木").recoverMembers(ROOM);
        clock.advance(Duration.ofMinutes(6));
        awaitSettled(stranger);
        assertThat(event(stranger).status()).isEqualTo(InboxEvent.DONE);
        JsonNode room = service.http().get("/api/rooms/chatwork/" + ROOM, TestEnvironment.OPERATOR_KEY).json();
        assertThat(room.get("members")).extracting(member -> member.get("account_id").asText()).contains("3999");
    }

    @Test
    void givesUpOnceTheEventIsOlderThanTheCatchUpAge() {
        chatwork.failMembers(ROOM, failure("500"));
        String messageId = deliver(ROOM, CLIENT, "はじめまして。");
        awaitWaiting(messageId);

        clock.advance(Duration.ofHours(25));
        awaitSettled(messageId);

        InboxEvent event = event(messageId);
        assertThat(event.status()).isEqualTo(InboxEvent.FAILED);
        assertThat(event.lastError()).contains("gave up after waiting 1d").contains("GET /rooms/" + ROOM + "/members answered 500");
        assertThat(outbox()).isEmpty();
    }
}
