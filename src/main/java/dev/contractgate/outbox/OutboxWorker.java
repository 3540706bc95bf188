package dev.contractgate.outbox;

import dev.contractgate.chat.Channel;
import dev.contractgate.chat.Channels;
import dev.contractgate.chat.ConversationDao;
import dev.contractgate.chat.Delivery;
import dev.contractgate.chat.Outgoing;
import dev.contractgate.chat.SendException;
import dev.contractgate.chat.Settlement;
import dev.contractgate.config.OutboxConfig;
import dev.contractgate.logging.LogContext;
import dev.contractgate.metrics.Metrics;
import dev.contractgate.work.PollingWorker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox through each entry's channel. An entry is claimed ({@code sending}) in the database before it is
 * posted, so nothing is ever posted blindly twice. Rooms are sent to in parallel (a slow or hung room does not hold
 * up the others), one entry at a time within a room, keeping the channel's posting limits and announced budget.
 *
 * <p>One rule for an unknown outcome — a timeout, a dropped connection or a 5xx after the request went out, or a
 * crash between sending and recording: the reply may have been posted, and its channel settles it
 * ({@link dev.contractgate.chat.Outbound#settle}). A channel that can read the room back (Chatwork) says whether it is
 * there; a channel that cannot (Teams) has it sent once more at most, so at most one duplicate. A rate limit is a known
 * non-send and is waited out; a send that certainly did not go out is retried with exponential backoff and jitter; a
 * refusal for good marks the entry {@code dead} with the error.
 */
public final class OutboxWorker extends PollingWorker {
    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);
    private static final int BATCH = 50;

    private final Jdbi jdbi;
    private final Channels channels;
    private final Map<String, Pacer> pacers;
    private final OutboxConfig config;
    private final Clock clock;
    private final Metrics metrics;
    private final String owner = "outbox-" + UUID.randomUUID();
    private final ExecutorService senders;
    private final Set<String> roomsSending = ConcurrentHashMap.newKeySet();

    public OutboxWorker(Jdbi jdbi, Channels channels, OutboxConfig config, Clock clock, Metrics metrics) {
        super("outbox-worker", config.pollInterval());
        this.jdbi = jdbi;
        this.channels = channels;
        this.pacers = channels.all().stream().collect(Collectors.toUnmodifiableMap(Channel::name,
                channel -> new Pacer(jdbi, channel.name(), channel.outbound()::budget, channel.outbound().pacing())));
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
        AtomicInteger threads = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(config.parallelRooms(), runnable -> {
            Thread thread = new Thread(runnable, "outbox-send-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    protected Duration pass() {
        return Duration.between(clock.instant(), sendDue());
    }

    /**
     * Settles entries with an unknown outcome, then starts sending every due entry whose room is free and whose
     * channel's limits allow it now.
     *
     * @return when to look again
     */
    Instant sendDue() {
        Instant now = clock.instant();
        OutboxDao dao = jdbi.onDemand(OutboxDao.class);
        settleUnknownOutcomes(dao, now);
        Instant wakeAt = now.plus(config.pollInterval());
        List<OutboxEntry> due = dao.due(now, BATCH);
        boolean busy = false;
        for (OutboxEntry entry : due) {
            if (closing()) {
                break;
            }
            Channel channel = channels.find(entry.channel()).orElse(null);
            if (channel == null) {
                dao.markDead(entry.id(), channels.unknown(entry.channel()));
                continue;
            }
            String room = entry.channel() + "/" + entry.roomId();
            if (roomsSending.contains(room)) {
                busy = true; // an earlier entry of this room is on its way: this one follows it
                continue;
            }
            if (!roomsSending.add(room)) {
                continue;
            }
            Instant attemptAt = clock.instant();
            Pacer pacer = pacers.get(entry.channel());
            Pacer.Reservation slot = pacer.reserve(entry.roomId(), attemptAt);
            if (!slot.granted()) {
                roomsSending.remove(room);
                metrics.rateLimitWait(entry.channel());
                wakeAt = slot.notBefore().isBefore(wakeAt) ? slot.notBefore() : wakeAt;
                continue;
            }
            if (dao.claim(entry.id(), owner, attemptAt.plus(config.lease()), attemptAt) != 1) {
                pacer.release(slot); // another instance has it (or an earlier entry of the room is on its way)
                roomsSending.remove(room);
                continue;
            }
            senders.execute(() -> {
                try {
                    send(dao, channel, entry, slot);
                } finally {
                    roomsSending.remove(room);
                    wake();
                }
            });
        }
        if (due.size() == BATCH && !busy) {
            return clock.instant();
        }
        Instant next = dao.nextDue();
        return next != null && next.isBefore(wakeAt) ? next : wakeAt;
    }

    private void send(OutboxDao dao, Channel channel, OutboxEntry entry, Pacer.Reservation slot) {
        LogContext.run(() -> post(dao, channel, entry, slot), "outbox_id", String.valueOf(entry.id()),
                "channel", entry.channel(), "room", entry.roomId(), "kind", entry.kind());
    }

    private void post(OutboxDao dao, Channel channel, OutboxEntry entry, Pacer.Reservation slot) {
        Pacer pacer = pacers.get(entry.channel());
        try {
            Delivery delivery;
            try {
                delivery = channel.outbound().post(outgoing(entry));
            } finally {
                // Stamped when the answer came: the server counted the post at some moment before that.
                pacer.posted(slot, clock.instant());
            }
            if (delivery instanceof Delivery.Sent sent) {
                dao.markSent(entry.id(), sent.remoteMessageId(), clock.instant());
                metrics.sendAttempted(entry.channel(), "sent");
                metrics.replyDelivered(entry.channel(), Duration.between(entry.createdAt(), clock.instant()));
                log.info("outbox: {} ({}) sent to {} room {} as message {}", entry.id(), entry.kind(), entry.channel(),
                        entry.roomId(), sent.remoteMessageId());
            } else if (delivery instanceof Delivery.Held held) {
                dao.markHeld(entry.id(), held.note());
                metrics.sendAttempted(entry.channel(), "held");
                log.info("outbox: {} ({}) to {} room {} held: {}\n{}", entry.id(), entry.kind(), entry.channel(),
                        entry.roomId(), held.note(), entry.body());
            }
        } catch (SendException e) {
            failed(dao, pacer, entry, e);
        } catch (RuntimeException e) {
            // Whatever broke, the request may have gone out: settle it rather than send it again blindly.
            failed(dao, pacer, entry, new SendException(SendException.Kind.UNKNOWN_OUTCOME, null, e.toString(), e));
        }
    }

    private Outgoing outgoing(OutboxEntry entry) {
        String conversation = jdbi.onDemand(ConversationDao.class).reference(entry.channel(), entry.roomId()).orElse(null);
        return new Outgoing(entry.id(), entry.channel(), entry.roomId(), entry.kind(), entry.body(), entry.payload(),
                entry.addresseeList(), entry.handle(), entry.idempotencyKey(), conversation, entry.createdAt());
    }

    private void failed(OutboxDao dao, Pacer pacer, OutboxEntry entry, SendException e) {
        Instant now = clock.instant();
        int attempt = entry.attempts() + 1;
        metrics.sendAttempted(entry.channel(), outcome(e.kind(), attempt));
        switch (e.kind()) {
            case ACCOUNT_RATE_LIMITED -> {
                metrics.rateLimited(entry.channel(), "account");
                pacer.accountLimited(e.retryAt(), now);
                dao.retryLater(entry.id(), pacer.earliest(entry.roomId(), now), e.getMessage(), false);
                log.warn("outbox: {} waits for the {} account budget until {}", entry.id(), entry.channel(), e.retryAt());
            }
            case ROOM_RATE_LIMITED -> {
                metrics.rateLimited(entry.channel(), "room");
                pacer.roomLimited(entry.roomId(), e.retryAt(), now);
                dao.retryLater(entry.id(), pacer.earliest(entry.roomId(), now), e.getMessage(), false);
                log.warn("outbox: {} waits for {} room {}'s posting limit", entry.id(), entry.channel(), entry.roomId());
            }
            case TRANSIENT -> {
                if (attempt >= config.maxAttempts()) {
                    dao.markDead(entry.id(), "gave up after " + attempt + " attempts: " + e.getMessage());
                    log.error("outbox: {} ({}) to {} room {} gave up after {} attempts: {}", entry.id(), entry.kind(),
                            entry.channel(), entry.roomId(), attempt, e.getMessage());
                } else {
                    Instant retryAt = now.plus(backoff(config.retryBackoff(), attempt));
                    dao.retryLater(entry.id(), retryAt, e.getMessage(), true);
                    log.warn("outbox: {} to {} room {} not sent (attempt {}), retrying at {}: {}", entry.id(),
                            entry.channel(), entry.roomId(), attempt, retryAt, e.getMessage());
                }
            }
            case UNKNOWN_OUTCOME -> {
                Instant settleAt = now.plus(backoff(config.retryBackoff(), attempt));
                dao.unsettled(entry.id(), settleAt, "outcome unknown: " + e.getMessage());
                log.warn("outbox: {} to {} room {}: outcome unknown (attempt {}), settling at {}: {}", entry.id(),
                        entry.channel(), entry.roomId(), attempt, settleAt, e.getMessage());
            }
            case QUOTA_EXHAUSTED -> {
                Instant until = e.retryAt() != null ? e.retryAt() : now.plus(Duration.ofHours(1));
                dao.defer(entry.id(), until, e.getMessage());
                log.warn("outbox: {} ({}) to {} room {} deferred until {}: {}", entry.id(), entry.kind(),
                        entry.channel(), entry.roomId(), until, e.getMessage());
            }
            case PERMANENT -> {
                dao.markDead(entry.id(), e.getMessage());
                log.error("outbox: {} ({}) to {} room {} refused for good: {}", entry.id(), entry.kind(),
                        entry.channel(), entry.roomId(), e.getMessage());
            }
        }
    }

    /** The metrics' name for what a failed attempt leads to. */
    private String outcome(SendException.Kind kind, int attempt) {
        return switch (kind) {
            case ACCOUNT_RATE_LIMITED, ROOM_RATE_LIMITED -> "rate_limited";
            case TRANSIENT -> attempt >= config.maxAttempts() ? "dead" : "retry";
            case UNKNOWN_OUTCOME -> "unknown";
            case QUOTA_EXHAUSTED -> "deferred";
            case PERMANENT -> "dead";
        };
    }

    /** The base, doubled for each attempt, capped at 10 minutes, with jitter over its upper half. */
    static Duration backoff(Duration base, int attempt) {
        long cap = Math.min(600_000L, base.toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
    }

    /** Settles each entry whose send had an unknown outcome (or whose sender died) through its channel. */
    private void settleUnknownOutcomes(OutboxDao dao, Instant now) {
        for (OutboxEntry entry : dao.abandoned(now)) {
            Channel channel = channels.find(entry.channel()).orElse(null);
            if (channel == null) {
                dao.markDead(entry.id(), channels.unknown(entry.channel()));
                continue;
            }
            String cause = entry.leaseOwner() != null
                    ? "the sender stopped before recording the outcome"
                    : String.valueOf(entry.lastError()).replaceFirst("^outcome unknown: ", "");
            Settlement settlement;
            try {
                settlement = channel.outbound().settle(outgoing(entry));
            } catch (RuntimeException e) {
                settlement = new Settlement.NotNow(e.toString());
            }
            settle(dao, entry, cause, settlement, now);
        }
    }

    private void settle(OutboxDao dao, OutboxEntry entry, String cause, Settlement settlement, Instant now) {
        if (settlement instanceof Settlement.Posted posted) {
            dao.markSent(entry.id(), posted.remoteMessageId(), now);
            log.info("outbox: {} to {} room {} was posted after all (message {}; {})", entry.id(), entry.channel(),
                    entry.roomId(), posted.remoteMessageId(), cause);
        } else if (settlement instanceof Settlement.NotPosted) {
            if (entry.attempts() >= config.maxAttempts()) {
                dao.markDead(entry.id(), "gave up after " + entry.attempts() + " attempts; the last one was not posted ("
                        + cause + ")");
                log.error("outbox: {} to {} room {} gave up after {} attempts", entry.id(), entry.channel(),
                        entry.roomId(), entry.attempts());
            } else if (dao.recover(entry.id(), now, "not posted (" + cause + "; read back from the room): sending again",
                    false) == 1) {
                log.warn("outbox: {} to {} room {} was not posted ({}); sending again", entry.id(), entry.channel(),
                        entry.roomId(), cause);
            }
        } else if (settlement instanceof Settlement.NotNow notNow) {
            if (entry.attempts() >= config.maxAttempts()) {
                dao.markDead(entry.id(), "outcome unknown (" + cause + ") and it could not be settled: " + notNow.reason());
                log.error("outbox: {} to {} room {}: outcome unknown and not settled: {}", entry.id(), entry.channel(),
                        entry.roomId(), notNow.reason());
            } else {
                Instant retryAt = now.plus(backoff(config.retryBackoff(), entry.attempts() + 1));
                dao.settleLater(entry.id(), retryAt, "outcome unknown: " + cause + "; settling later: " + notNow.reason(), now);
                log.warn("outbox: {} to {} room {}: cannot settle yet ({}), again at {}", entry.id(), entry.channel(),
                        entry.roomId(), notNow.reason(), retryAt);
            }
        } else if (settlement instanceof Settlement.Unknowable) {
            if (entry.recoveries() >= 1) {
                dao.markDead(entry.id(), "outcome unknown twice (" + cause + "); not sent again, so it is posted at most twice");
                log.error("outbox: {} to {} room {}: outcome unknown twice; marked dead", entry.id(), entry.channel(),
                        entry.roomId());
            } else if (dao.recover(entry.id(), now, "outcome unknown (" + cause + "); sent once more: at most one duplicate",
                    true) == 1) {
                log.warn("outbox: {} to {} room {}: outcome unknown ({}), sending once more (at most one duplicate)",
                        entry.id(), entry.channel(), entry.roomId(), cause);
            }
        }
    }

    @Override
    public void close() {
        super.close();
        senders.shutdown();
        try {
            if (!senders.awaitTermination(10, TimeUnit.SECONDS)) {
                senders.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            senders.shutdownNow();
        }
    }
}
