package dev.contractgate.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contractgate.chat.ChannelReadException;
import dev.contractgate.config.InboxConfig;
import dev.contractgate.db.Database;
import dev.contractgate.testing.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InboxWorkerTest {
    @TempDir
    Path folder;

    private Database database;
    private InboxDao dao;
    private TestClock clock;

    @BeforeEach
    void open() {
        database = Database.open("jdbc:sqlite:" + folder.resolve("inbox.db"), null, null, 2);
        database.migrate();
        dao = database.jdbi().onDemand(InboxDao.class);
        clock = new TestClock(Instant.parse("2026-11-01T00:00:00Z"));
    }

    @AfterEach
    void close() {
        database.close();
    }

    private void store(String messageId) {
        store(messageId, "10");
    }

    private void store(String messageId, String roomId) {
        dao.insert(NewInboxEvent.pending("chatwork", "message_created", messageId, 0, roomId, "{}"), clock.instant());
    }

    private InboxEvent stored(String messageId) {
        return dao.list(null, 100).stream().filter(event -> event.messageId().equals(messageId)).findFirst().orElseThrow();
    }

    private static ChannelReadException unavailable() {
        return new ChannelReadException(ChannelReadException.Kind.UNAVAILABLE, null, "GET /rooms/10/members answered 503", null);
    }

    private InboxWorker worker(InboxWorker.Processor processor, int maxAttempts) {
        return new InboxWorker(database.jdbi(), processor, () -> List.of("chatwork"),
                new InboxConfig(Duration.ofMillis(50), maxAttempts, Duration.ofMinutes(2)), Duration.ofHours(24), clock);
    }

    @Test
    void processesEachEventOnceInTheOrderReceived() {
        store("1");
        store("2");
        store("3");
        List<String> seen = new ArrayList<>();

        worker(event -> {
            seen.add(event.messageId());
            return InboxWorker.Outcome.done(null);
        }, 5).drainOnce();

        assertThat(seen).containsExactly("1", "2", "3");
        assertThat(dao.count(InboxEvent.DONE)).isEqualTo(3);
        assertThat(worker(event -> InboxWorker.Outcome.done(null), 5).drainOnce()).isFalse();
    }

    @Test
    void retriesAFailingEventWithBackoffAndKeepsTheError() {
        store("1");
        AtomicInteger calls = new AtomicInteger();
        InboxWorker worker = worker(event -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("Chatwork is down");
            }
            return InboxWorker.Outcome.done(null);
        }, 5);

        worker.drainOnce();
        InboxEvent afterFailure = dao.list(null, 1).get(0);
        assertThat(afterFailure.status()).isEqualTo(InboxEvent.PENDING);
        assertThat(afterFailure.lastError()).contains("Chatwork is down");
        assertThat(worker.drainOnce()).as("not due before its backoff").isFalse();

        clock.advance(Duration.ofMinutes(10));
        worker.drainOnce();
        assertThat(dao.list(null, 1).get(0).status()).isEqualTo(InboxEvent.DONE);
        assertThat(calls).hasValue(2);
    }

    @Test
    void givesUpOnAnEventThatKeepsFailing() {
        store("1");
        InboxWorker worker = worker(event -> {
            throw new IllegalStateException("poison");
        }, 3);

        for (int i = 0; i < 5; i++) {
            worker.drainOnce();
            clock.advance(Duration.ofHours(1));
        }

        InboxEvent event = dao.list(null, 1).get(0);
        assertThat(event.status()).isEqualTo(InboxEvent.FAILED);
        assertThat(event.attempts()).isEqualTo(3);
        assertThat(event.lastError()).contains("poison");
    }

    @Test
    void takesBackAnEventWhoseWorkerDiedOnceItsLeaseRunsOut() {
        store("1");
        dao.lease("dead-worker", clock.instant(), clock.instant().plus(Duration.ofMinutes(2)), List.of("chatwork"), 10);
        List<String> seen = new ArrayList<>();
        InboxWorker worker = worker(event -> {
            seen.add(event.messageId());
            return InboxWorker.Outcome.done(null);
        }, 5);

        assertThat(worker.drainOnce()).as("still leased").isFalse();
        clock.advance(Duration.ofMinutes(3));
        worker.drainOnce();

        assertThat(seen).containsExactly("1");
        assertThat(dao.list(null, 1).get(0).attempts()).isEqualTo(2);
    }

    @Test
    void aWaitForTheChannelIsNotAnAttemptAndEndsWhenTheChannelAnswers() {
        store("1");
        AtomicInteger calls = new AtomicInteger();
        InboxWorker worker = worker(event -> {
            if (calls.incrementAndGet() <= 10) {
                throw unavailable();
            }
            return InboxWorker.Outcome.done(null);
        }, 3);

        for (int i = 0; i < 10; i++) {
            assertThat(worker.drainOnce()).isTrue();
            InboxEvent waiting = stored("1");
            assertThat(waiting.status()).isEqualTo(InboxEvent.PENDING);
            assertThat(waiting.attempts()).isZero();
            assertThat(waiting.lastError()).isEqualTo("waiting for chatwork: GET /rooms/10/members answered 503");
            assertThat(Duration.between(clock.instant(), waiting.availableAt())).isBetween(Duration.ofSeconds(2),
                    InboxWorker.MAX_WAIT_BACKOFF);
            clock.advance(InboxWorker.MAX_WAIT_BACKOFF);
        }
        worker.drainOnce();

        assertThat(stored("1").status()).isEqualTo(InboxEvent.DONE);
        assertThat(calls).hasValue(11);
    }

    @Test
    void waitsLongerEachTimeUpToFiveMinutes() {
        assertThat(InboxWorker.waitBackoff(Duration.ZERO)).isBetween(Duration.ofSeconds(2), Duration.ofMillis(2_500));
        assertThat(InboxWorker.waitBackoff(Duration.ofSeconds(40))).isBetween(Duration.ofSeconds(40), Duration.ofSeconds(50));
        assertThat(InboxWorker.waitBackoff(Duration.ofHours(3))).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void keepsARoomsLaterEventsBehindOneThatWaitsWhileOtherRoomsGoOn() {
        store("1", "10");
        store("2", "10");
        store("3", "11");
        List<String> seen = new ArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        InboxWorker worker = worker(event -> {
            seen.add(event.messageId());
            if (event.messageId().equals("1") && calls.incrementAndGet() == 1) {
                throw unavailable();
            }
            return InboxWorker.Outcome.done(null);
        }, 5);

        worker.drainOnce();
        assertThat(seen).containsExactly("1", "3");
        assertThat(worker.drainOnce()).as("room 10 waits behind its first event").isFalse();
        assertThat(stored("2").attempts()).isZero();

        clock.advance(InboxWorker.MAX_WAIT_BACKOFF);
        worker.drainOnce();

        assertThat(seen).containsExactly("1", "3", "1", "2");
        assertThat(dao.count(InboxEvent.DONE)).isEqualTo(3);
    }

    @Test
    void keepsARoomsLaterEventsBehindOneThatIsRetried() {
        store("1", "10");
        store("2", "10");
        List<String> seen = new ArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        InboxWorker worker = worker(event -> {
            seen.add(event.messageId());
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("database hiccup");
            }
            return InboxWorker.Outcome.done(null);
        }, 5);

        worker.drainOnce();
        clock.advance(Duration.ofMinutes(10));
        worker.drainOnce();

        assertThat(seen).containsExactly("1", "1", "2");
    }

    @Test
    void givesUpWaitingOnceTheEventIsOlderThanTheLongestWait() {
        store("1");
        InboxWorker worker = worker(event -> {
            throw unavailable();
        }, 5);
        worker.drainOnce();

        clock.advance(Duration.ofHours(24));
        worker.drainOnce();

        InboxEvent event = stored("1");
        assertThat(event.status()).isEqualTo(InboxEvent.FAILED);
        assertThat(event.lastError()).startsWith("gave up after waiting 1d for chatwork; last error: GET /rooms/10/members");
    }

    @Test
    void leavesEventsOfAChannelThatIsNotReadyAlone() {
        store("1");
        InboxWorker worker = new InboxWorker(database.jdbi(), event -> InboxWorker.Outcome.done(null), List::of,
                new InboxConfig(null, null, null), Duration.ofHours(24), clock);

        assertThat(worker.drainOnce()).isFalse();
        assertThat(dao.count(InboxEvent.PENDING)).isEqualTo(1);
    }

}
