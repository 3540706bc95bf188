package dev.contractgate.inbox;

import dev.contractgate.chat.ChannelReadException;
import dev.contractgate.config.Durations;
import dev.contractgate.config.InboxConfig;
import dev.contractgate.work.PollingWorker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
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
    private static final int BATCH = 8;
    static final Duration MAX_WAIT_BACKOFF = Duration.ofMinutes(5);

    /** Acts on one stored event. */
    @FunctionalInterface
    public interface Processor {
        Outcome process(InboxEvent event) throws Exception;
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

    /**
     * @param readyChannels the channels whose events can be acted on now (their bot account is known)
     * @param maxWait how long an event may wait for its channel after it arrived before it is given up
     */
    public InboxWorker(Jdbi jdbi, Processor processor, Supplier<List<String>> readyChannels, InboxConfig config,
                       Duration maxWait, Clock clock) {
        super("inbox-worker", config.pollInterval());
        this.jdbi = jdbi;
        this.processor = processor;
        this.readyChannels = readyChannels;
        this.config = config;
        this.maxWait = maxWait;
        this.clock = clock;
    }

    @Override
    protected Duration pass() {
        return drainOnce() ? Duration.ZERO : config.pollInterval();
    }

    /** Leases and processes one batch; true when there was something to do. */
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
        for (InboxEvent event : dao.leasedTo(token)) {
            String room = event.channel() + "/" + event.roomId();
            if (closing() || clock.instant().isAfter(deadline) || heldRooms.contains(room)) {
                dao.release(event.id(), token, clock.instant());
                continue;
            }
            if (!handle(dao, token, event)) {
                heldRooms.add(room); // its later events stay behind it
            }
        }
        return true;
    }

    /** @return false when the event is still pending (it waits or will be retried) */
    private boolean handle(InboxDao dao, String token, InboxEvent event) {
        if (event.attempts() > config.maxAttempts()) {
            // It was leased this many times without an outcome: processing it crashes or hangs the worker.
            dao.fail(event.id(), "gave up after " + config.maxAttempts() + " attempts without an outcome"
                    + (event.lastError() == null ? "" : "; last error: " + event.lastError()), clock.instant());
            log.error("inbox: event {} ({} {} in room {}) gave up after {} attempts", event.id(), event.eventType(),
                    event.messageId(), event.roomId(), config.maxAttempts());
            return true;
        }
        try {
            Outcome outcome = processor.process(event);
            dao.finish(event.id(), token, outcome.status(), outcome.note(), clock.instant());
            return true;
        } catch (ChannelReadException e) {
            return waitForChannel(dao, token, event, e);
        } catch (Exception e) {
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (event.attempts() >= config.maxAttempts()) {
                dao.fail(event.id(), error, clock.instant());
                log.error("inbox: event {} ({} {} in room {}) failed for good after {} attempts: {}", event.id(),
                        event.eventType(), event.messageId(), event.roomId(), event.attempts(), error, e);
                return true;
            }
            Instant retryAt = clock.instant().plus(backoff(event.attempts()));
            dao.retryLater(event.id(), token, error, retryAt);
            log.warn("inbox: event {} ({} {} in room {}) failed (attempt {}), retrying at {}: {}", event.id(),
                    event.eventType(), event.messageId(), event.roomId(), event.attempts(), retryAt, error);
            return false;
        }
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
