package dev.contractgate.fault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contractgate.inbox.InboxDao;
import dev.contractgate.inbox.InboxEvent;
import dev.contractgate.outbox.OutboxDao;
import dev.contractgate.outbox.OutboxEntry;
import dev.contractgate.teams.TeamsChannel;
import dev.contractgate.testing.Eventually;
import dev.contractgate.testing.FakeBotFramework;
import dev.contractgate.testing.RegistryCalls;
import dev.contractgate.testing.RunningService;
import dev.contractgate.testing.TestClock;
import dev.contractgate.testing.TestEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Connector's {@code pagedmembers} fails for a Teams conversation the bot has not seen: as on Chatwork, nothing is
 * decided on a list that could not be read. The event waits and is acted on once, correctly, when reads recover; a
 * conversation the bot was removed from (403, 404) ends the event as ignored.
 */
@Tag("fault")
@Timeout(60)
class TeamsMemberReadFaultTest {
    static final String FREELANCER = "f0f0f0f0-0000-4000-8000-000000000001";
    static final String CLIENT = "c0c0c0c0-0000-4000-8000-000000000002";
    static final String CHAT = "19:meeting_Zjk5@thread.v2";

    @TempDir
    Path folder;

    private final TestClock clock = TestClock.atNow();
    private FakeBotFramework microsoft;
    private RunningService service;

    @BeforeEach
    void start() {
        microsoft = new FakeBotFramework().members(CHAT, FREELANCER, "山田 花子", CLIENT, "佐藤 健一");
        service = RunningService.start(microsoft.configure(new TestEnvironment(folder))
                .useConfig("msteams:\n  request_timeout: 300ms\ninbox:\n  poll_interval: 50ms\n"), clock);
        new RegistryCalls(service.http(), TestEnvironment.OPERATOR_KEY, TeamsChannel.NAME).party(FREELANCER, "freelancer");
    }

    @AfterEach
    void stop() {
        service.close();
        microsoft.close();
    }

    private static MockResponse failure(String kind) {
        return switch (kind) {
            case "timeout" -> new MockResponse.Builder().code(200).body("{\"members\":[]}")
                    .headersDelay(2, TimeUnit.SECONDS).build();
            case "empty" -> new MockResponse.Builder().code(200).body("{\"members\":[]}").build();
            case "not JSON" -> new MockResponse.Builder().code(200).body("<html>maintenance</html>").build();
            default -> new MockResponse.Builder().code(Integer.parseInt(kind))
                    .body("{\"error\":{\"code\":\"Status" + kind + "\"}}").build();
        };
    }

    /** Delivers a message from the client; returns its activity id once it is stored (not yet handled). */
    private String deliver(String text) {
        ObjectNode message = microsoft.message(microsoft.nextActivityId(), CHAT, "groupChat", CLIENT, "佐藤 健一", text, false);
        assertThat(microsoft.deliver(service.http(), message).status()).isEqualTo(200);
        return message.get("id").asText();
    }

    private InboxEvent event(String activityId) {
        return service.jdbi().onDemand(InboxDao.class).list(null, 100).stream()
                .filter(event -> event.messageId().equals(activityId)).findFirst().orElseThrow();
    }

    private List<OutboxEntry> outbox() {
        return service.jdbi().onDemand(OutboxDao.class).list(null, null, 100);
    }

    @ParameterizedTest(name = "pagedmembers answers {0}")
    @ValueSource(strings = {"500", "429", "timeout", "empty", "not JSON"})
    void waitsWhileTheMembersCannotBeReadAndActsCorrectlyOnceTheyCan(String kind) {
        microsoft.failMembers(CHAT, failure(kind));

        String first = deliver("急ぎなのでLINEで話しましょう。IDは sato_k です");
        Eventually.await("the event waits for Teams", () -> {
            InboxEvent event = event(first);
            return event.status().equals(InboxEvent.PENDING) && event.lastError() != null
                    && event.availableAt().isAfter(clock.instant()) && event.leaseOwner() == null;
        });
        assertThat(event(first).lastError()).startsWith("waiting for msteams");
        assertThat(event(first).attempts()).as("a wait is not a processing attempt").isZero();
        assertThat(outbox()).as("nothing decided on a list that could not be read").isEmpty();

        microsoft.recoverMembers(CHAT);
        clock.advance(Duration.ofMinutes(6));
        Eventually.await("handled", () -> event(first).status().equals(InboxEvent.DONE));

        assertThat(outbox()).extracting(OutboxEntry::kind).containsExactly("introduction");
        JsonNode room = service.http().get("/api/rooms/msteams/" + CHAT, TestEnvironment.OPERATOR_KEY).json();
        assertThat(room.get("gate").asText()).isEqualTo("uncovered");
        assertThat(room.get("members_source").asText()).isEqualTo("channel");
    }

    @ParameterizedTest(name = "pagedmembers answers {0}")
    @ValueSource(strings = {"403", "404"})
    void setsAsideTheEventsOfAConversationTheBotWasRemovedFrom(String status) {
        microsoft.failMembers(CHAT, failure(status));

        String activityId = deliver("はじめまして。");
        Eventually.await("handled", () -> !event(activityId).status().equals(InboxEvent.PENDING));

        assertThat(event(activityId).status()).isEqualTo(InboxEvent.IGNORED);
        assertThat(event(activityId).note()).contains("no longer in msteams room " + CHAT).contains(status);
        assertThat(outbox()).isEmpty();
        assertThat(microsoft.sent()).isEmpty();
    }
}
