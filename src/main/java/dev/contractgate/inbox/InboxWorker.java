package dev.contractgate.inbox;

import dev.contractgate.chat.ChannelReadException;
import dev.contractgate.config.Durations;
import dev.contractgate.config.InboxConfig;
import dev.contractgate.db.Attached;
import dev.contractgate.logging.LogContext;
import dev.contractgate.metrics.Metrics;
import dev.contractgate.work.PollingWorker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the inbox: leases due events, hands each to the {@link Processor}, and records the outcome. Delivery to
 * the processor is at least once: an event whose worker died is leased again when its lease runs out, so a restart
 * picks up whatever was left. A failing event is retried with backoff and given up after {@code max_attempts}.
 *
 * <p>An event that needs a read its channel cannot give now ({@link ChannelReadException}) is not failing: it waits,
 * with backoff up to {@link #MAX_WAIT_BACKOFF}, for up to {@code maxWait} after it arrived, and the wait does not count
 * as an attempt. While an event waits (or is retried), the later events of its room wait behind it, in order.
 */
public final class InboxWorker extends PollingWorker {
    private static final Logger log = LoggerFactory.getLogger(InboxWorker.class);
    /**
     * Events leased and committed together. A batch holds SQLite's one write lock while it commits (about a
     * millisecond for fifty events), so webhooks never wait long behind it.
     */
    static final int BATCH = 50;
    private static final String SAVEPOINT = "inbox_event";
    static final Duration MAX_WAIT_BACKOFF = Duration.ofMinutes(5);

    /** Acts on one stored event. */
    @FunctionalInterface
    public interface Processor {
        Outcome process(InboxEvent event) throws Exception;

        /**
         * Does the reads and the analysis for the event now, and returns its writes for the worker to commit in one
         * transaction with the other events of the batch; empty when the event must go alone through {@link #process}.
         */
        default Optional<Staged> stage(InboxEvent event) throws Exception {
            return Optional.empty();
        }
    }

    /** One event's writes, committed in the batch's transaction, and its outcome. */
    @FunctionalInterface
    public interface Staged {
        Outcome commit(Handle handle);

        /** Called once the batch's transaction committed. */
        default void committed() {
        }
    }

    /** What became of an event: {@code done} or {@code ignored}, with a note for the record. */
    public record Outcome(String status, String note) {
        public static Outcome done(String note) {
            return new Outcome(InboxEvent.DONE, note);
        }

        public static Outcome ignored(String note) {
            return new Outcome(InboxEvent.IGNORED, note);
        }
    }

    private final Jdbi jdbi;
    private final Processor processor;
    private final Supplier<List<String>> readyChannels;
    private final InboxConfig config;
    private final Duration maxWait;
    private final Clock clock;
    private final Metrics metrics;

    /**
     * @param readyChannels the channels whose events can be acted on now (their bot account is known)
     * @param maxWait how long an event may wait for its channel after it arrived before it is given up
     */
    public InboxWorker(Jdbi jdbi, Processor processor, Supplier<List<String>> readyChannels, InboxConfig config,
                       Duration maxWait, Clock clock, Metrics metrics) {
        super("inbox-worker", config.pollInterval());
        this.jdbi = jdbi;
        this.processor = processor;
        this.readyChannels = readyChannels;
        this.config = config;
        this.maxWait = maxWait;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    protected Duration pass() {
        return drainOnce() ? Duration.ZERO : config.pollInterval();
    }

    /**
     * Leases and processes one batch; true when there was something to do. The events are staged in order (reads
     * and analysis, no transaction), and their writes, with the marks that they were handled, commit in one
     * transaction: a crash before it commits leaves every event of the batch to be taken again, one after it leaves
     * none. An event that must go alone first commits what was staged before it, so later events see its effect.
     */
    boolean drainOnce() {
        List<String> channels = readyChannels.get();
        if (channels.isEmpty()) {
            return false;
        }
        String token = UUID.randomUUID().toString();
        Instant now = clock.instant();
        InboxDao dao = jdbi.onDemand(InboxDao.class);
        if (dao.lease(token, now, now.plus(config.lease()), channels, BATCH) == 0) {
            return false;
        }
        Instant deadline = now.plus(config.lease().dividedBy(2));
        Set<String> heldRooms = new HashSet<>();
        List<StagedEvent> batch = new ArrayList<>();
        for (InboxEvent event : dao.leasedTo(token)) {
            String room = roomOf(event);
            if (closing() || clock.instant().isAfter(deadline) || heldRooms.contains(room)) {
                dao.release(event.id(), token, clock.instant());
                continue;
            }
            if (event.attempts() > config.maxAttempts()) {
                giveUp(dao, event);
                continue;
            }
            long started = System.nanoTime();
            Staging staging = LogContext.call(() -> stage(event), logFields(event));
            if (staging.failure() != null) {
                if (!LogContext.call(() -> settleFailure(dao, token, event, staging.failure(), started), logFields(event))) {
                    heldRooms.add(room); // its later events stay behind it
                }
                continue;
            }
            if (staging.staged().isPresent()) {
                batch.add(new StagedEvent(event, staging.staged().get(), started));
                continue;
            }
            heldRooms.addAll(commit(batch, token));
            batch.clear();
            if (heldRooms.contains(room)) {
                dao.release(event.id(), token, clock.instant());
            } else if (!handle(dao, token, event)) {
                heldRooms.add(room);
            }
        }
        commit(batch, token);
        return true;
    }

    private record StagedEvent(InboxEvent event, Staged staged, long started) {
    }

    private static String roomOf(InboxEvent event) {
        return event.channel() + "/" + event.roomId();
    }

    private static String[] logFields(InboxEvent event) {
        return new String[] {"event_id", String.valueOf(event.id()), "channel", event.channel(), "room", event.roomId(),
            "message_id", event.messageId()};
    }

    /** What staging an event gave: its writes (or none, to go alone), or the failure that stopped it. */
    private record Staging(Optional<Staged> staged, Exception failure) {
    }

    private Staging stage(InboxEvent event) {
        try {
            return new Staging(processor.stage(event), null);
        } catch (Exception e) {
            return new Staging(Optional.empty(), e);
        }
    }

    /**
     * Commits the staged events in one transaction, each behind a savepoint: an event whose writes fail is rolled
     * back alone and retried (in the same transaction), and the later events of its room wait behind it.
     *
     * @return the rooms of the events that failed
     */
    private Set<String> commit(List<StagedEvent> batch, String token) {
        if (batch.isEmpty()) {
            return Set.of();
        }
        Set<String> failedRooms = new HashSet<>();
        List<StagedEvent> settled = new ArrayList<>();
        List<String> statuses = new ArrayList<>();
        jdbi.useTransaction(handle -> {
            settled.clear();
            statuses.clear();
            failedRooms.clear();
            InboxDao dao = Attached.dao(handle, InboxDao.class);
            Instant now = clock.instant();
            for (StagedEvent staged : batch) {
                InboxEvent event = staged.event();
                if (failedRooms.contains(roomOf(event))) {
                    dao.release(event.id(), token, now);
                    continue;
                }
                handle.savepoint(SAVEPOINT);
                Outcome outcome;
                try {
                    outcome = LogContext.call(() -> staged.staged().commit(handle), logFields(event));
                    dao.finish(event.id(), token, outcome.status(), outcome.note(), now);
                    handle.releaseSavepoint(SAVEPOINT);
                } catch (RuntimeException e) {
                    handle.rollbackToSavepoint(SAVEPOINT);
                    handle.releaseSavepoint(SAVEPOINT);
                    if (!LogContext.call(() -> settleFailure(dao, token, event, e, staged.started()), logFields(event))) {
                        failedRooms.add(roomOf(event));
                    }
                    continue;
                }
                settled.add(staged);
                statuses.add(outcome.status());
            }
        });
        for (int i = 0; i < settled.size(); i++) {
            StagedEvent staged = settled.get(i);
            metrics.eventProcessed(staged.event().channel(), statuses.get(i),
                    Duration.ofNanos(System.nanoTime() - staged.started()));
            staged.staged().committed();
        }
        return failedRooms;
    }

    /** @return false when the event is still pending (it waits or will be retried) */
    private boolean handle(InboxDao dao, String token, InboxEvent event) {
        return LogContext.call(() -> process(dao, token, event), logFields(event));
    }

    private void giveUp(InboxDao dao, InboxEvent event) {
        // It was leased this many times without an outcome: processing it crashes or hangs the worker.
        dao.fail(event.id(), "gave up after " + config.maxAttempts() + " attempts without an outcome"
                + (event.lastError() == null ? "" : "; last error: " + event.lastError()), clock.instant());
        log.error("inbox: event {} ({} {} in room {}) gave up after {} attempts", event.id(), event.eventType(),
                event.messageId(), event.roomId(), config.maxAttempts());
    }

    private boolean process(InboxDao dao, String token, InboxEvent event) {
        long started = System.nanoTime();
        try {
            Outcome outcome = processor.process(event);
            dao.finish(event.id(), token, outcome.status(), outcome.note(), clock.instant());
            metrics.eventProcessed(event.channel(), outcome.status(), Duration.ofNanos(System.nanoTime() - started));
            return true;
        } catch (Exception e) {
            return settleFailure(dao, token, event, e, started);
        }
    }

    /**
     * An event that could not be processed: it waits for its channel, is retried later, or has failed for good.
     *
     * @return false when the event is still pending
     */
    private boolean settleFailure(InboxDao dao, String token, InboxEvent event, Exception failure, long started) {
        if (failure instanceof ChannelReadException e) {
            boolean givenUp = waitForChannel(dao, token, event, e);
            metrics.eventProcessed(event.channel(), givenUp ? "failed" : "retry", Duration.ofNanos(System.nanoTime() - started));
            return givenUp;
        }
        String error = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        boolean last = event.attempts() >= config.maxAttempts();
        metrics.eventProcessed(event.channel(), last ? "failed" : "retry", Duration.ofNanos(System.nanoTime() - started));
        if (last) {
            dao.fail(event.id(), error, clock.instant());
            log.error("inbox: event {} ({} {} in room {}) failed for good after {} attempts: {}", event.id(),
                    event.eventType(), event.messageId(), event.roomId(), event.attempts(), error, failure);
            return true;
        }
        Instant retryAt = clock.instant().plus(backoff(event.attempts()));
        dao.retryLater(event.id(), token, error, retryAt);
        log.warn("inbox: event {} ({} {} in room {}) failed (attempt {}), retrying at {}: {}", event.id(),
                event.eventType(), event.messageId(), event.roomId(), event.attempts(), retryAt, error);
        return false;
    }

    /** The channel cannot answer what the event needs: wait, or give up once the event is older than {@code maxWait}. */
    private boolean waitForChannel(InboxDao dao, String token, InboxEvent event, ChannelReadException e) {
        Instant now = clock.instant();
        String reason = "waiting for " + event.channel() + ": " + e.getMessage();
        Duration waited = Duration.between(event.receivedAt(), now);
        if (waited.compareTo(maxWait) >= 0) {
            dao.fail(event.id(), "gave up after waiting " + Durations.format(maxWait) + " for " + event.channel()
                    + "; last error: " + e.getMessage(), now);
            log.error("inbox: event {} ({} {} in room {}) given up: {} could not be read for {}: {}", event.id(),
                    event.eventType(), event.messageId(), event.roomId(), event.channel(), Durations.format(maxWait),
                    e.getMessage());
            return true;
        }
        Instant retryAt = now.plus(waitBackoff(waited));
        if (e.notBefore() != null && e.notBefore().isAfter(retryAt)) {
            retryAt = e.notBefore().isAfter(now.plus(MAX_WAIT_BACKOFF)) ? now.plus(MAX_WAIT_BACKOFF) : e.notBefore();
        }
        dao.waitForChannel(event.id(), token, reason, retryAt);
        log.warn("inbox: event {} ({} {} in room {}) waits for {} until {}: {}", event.id(), event.eventType(),
                event.messageId(), event.roomId(), event.channel(), retryAt, e.getMessage());
        return false;
    }

    /** As long again as the event has waited so far (so the waits double), from 2 s up to 5 minutes, with jitter. */
    static Duration waitBackoff(Duration waited) {
        long base = Math.max(2_000L, Math.min(MAX_WAIT_BACKOFF.toMillis(), waited.toMillis()));
        long jittered = base + ThreadLocalRandom.current().nextLong(base / 4 + 1);
        return Duration.ofMillis(Math.min(jittered, MAX_WAIT_BACKOFF.toMillis()));
    }

    /** 2 s, 4 s, 8 s … up to 5 minutes, with jitter. */
    static Duration backoff(int attempt) {
        long base = Math.min(300_000L, 1000L << Math.min(attempt, 20));
        return Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(base / 4 + 1));
    }

}
