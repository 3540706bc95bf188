package dev.contractgate.inbox;

import dev.contractgate.config.InboxConfig;
import dev.contractgate.logging.LogContext;
import dev.contractgate.metrics.Metrics;
import dev.contractgate.work.PollingWorker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
 */
public final class InboxWorker extends PollingWorker {
    private static final Logger log = LoggerFactory.getLogger(InboxWorker.class);
    private static final int BATCH = 8;

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
    private final Clock clock;
    private final Metrics metrics;

    /** @param readyChannels the channels whose events can be acted on now (their bot account is known) */
    public InboxWorker(Jdbi jdbi, Processor processor, Supplier<List<String>> readyChannels, InboxConfig config, Clock clock,
                       Metrics metrics) {
        super("inbox-worker", config.pollInterval());
        this.jdbi = jdbi;
        this.processor = processor;
        this.readyChannels = readyChannels;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
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
        for (InboxEvent event : dao.leasedTo(token)) {
            if (closing() || clock.instant().isAfter(deadline)) {
                dao.release(event.id(), token, clock.instant());
                continue;
            }
            handle(dao, token, event);
        }
        return true;
    }

    private void handle(InboxDao dao, String token, InboxEvent event) {
        LogContext.run(() -> process(dao, token, event), "event_id", String.valueOf(event.id()),
                "channel", event.channel(), "room", event.roomId(), "message_id", event.messageId());
    }

    private void process(InboxDao dao, String token, InboxEvent event) {
        if (event.attempts() > config.maxAttempts()) {
            // It was leased this many times without an outcome: processing it crashes or hangs the worker.
            dao.fail(event.id(), "gave up after " + config.maxAttempts() + " attempts without an outcome"
                    + (event.lastError() == null ? "" : "; last error: " + event.lastError()), clock.instant());
            log.error("inbox: event {} ({} {} in room {}) gave up after {} attempts", event.id(), event.eventType(),
                    event.messageId(), event.roomId(), config.maxAttempts());
            return;
        }
        long started = System.nanoTime();
        try {
            Outcome outcome = processor.process(event);
            dao.finish(event.id(), token, outcome.status(), outcome.note(), clock.instant());
            metrics.eventProcessed(event.channel(), outcome.status(), Duration.ofNanos(System.nanoTime() - started));
        } catch (Exception e) {
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            boolean last = event.attempts() >= config.maxAttempts();
            metrics.eventProcessed(event.channel(), last ? "failed" : "retry", Duration.ofNanos(System.nanoTime() - started));
            if (last) {
                dao.fail(event.id(), error, clock.instant());
                log.error("inbox: event {} ({} {} in room {}) failed for good after {} attempts: {}", event.id(),
                        event.eventType(), event.messageId(), event.roomId(), event.attempts(), error, e);
            } else {
                Instant retryAt = clock.instant().plus(backoff(event.attempts()));
                dao.retryLater(event.id(), token, error, retryAt);
                log.warn("inbox: event {} ({} {} in room {}) failed (attempt {}), retrying at {}: {}", event.id(),
                        event.eventType(), event.messageId(), event.roomId(), event.attempts(), retryAt, error);
            }
        }
    }

    /** 2 s, 4 s, 8 s … up to 5 minutes, with jitter. */
    static Duration backoff(int attempt) {
        long base = Math.min(300_000L, 1000L << Math.min(attempt, 20));
        return Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(base / 4 + 1));
    }

}
