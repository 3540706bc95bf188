package dev.contractgate.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contractgate.config.InboxConfig;
import dev.contractgate.db.Database;
import dev.contractgate.metrics.Metrics;
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
        dao.insert(NewInboxEvent.pending("chatwork", "message_created", messageId, 0, "10", "{}"), clock.instant());
    }

    private InboxWorker worker(InboxWorker.Processor processor, int maxAttempts) {
        return new InboxWorker(database.jdbi(), processor, () -> List.of("chatwork"),
                new InboxConfig(Duration.ofMillis(50), maxAttempts, Duration.ofMinutes(2)), clock, Metrics.none());
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
    void leavesEventsOfAChannelThatIsNotReadyAlone() {
        store("1");
        InboxWorker worker = new InboxWorker(database.jdbi(), event -> InboxWorker.Outcome.done(null), List::of,
                new InboxConfig(null, null, null), clock, Metrics.none());

        assertThat(worker.drainOnce()).isFalse();
        assertThat(dao.count(InboxEvent.PENDING)).isEqualTo(1);
    }

}
