package dev.contractgate.outbox;

import dev.contractgate.chat.Channel;
import dev.contractgate.chat.RoomMessage;
import dev.contractgate.chat.SendException;
import dev.contractgate.config.OutboxConfig;
import dev.contractgate.logging.LogContext;
import dev.contractgate.metrics.Metrics;
import dev.contractgate.work.PollingWorker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox. Each entry is claimed ({@code sending}) in the database before it is posted, so a crash can
 * never lead to a blind second post: a claim found without an outcome is settled by reading the room (if the reply
 * is there, it was sent) and otherwise retried once. Posts keep to the account's announced budget and the room's
 * posting limit; a 429 is waited out, a 5xx or timeout retried with exponential backoff and jitter, any other
 * refusal marks the entry {@code dead} with the error.
 */
public final class OutboxWorker extends PollingWorker {
    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);
    private static final int BATCH = 50;

    private final Jdbi jdbi;
    private final Map<String, Channel> channels;
    private final Map<String, Sender> senders;
    private final Map<String, Pacer> pacers = new HashMap<>();
    private final OutboxConfig config;
    private final Clock clock;
    private final Metrics metrics;
    private final String owner = "outbox-" + UUID.randomUUID();
    private Instant nextRecovery = Instant.MIN;

    /** @param senders by channel name: a {@link ChannelSender}, or a {@link HoldingSender} in a dry run */
    public OutboxWorker(Jdbi jdbi, List<Channel> channels, Map<String, Sender> senders, OutboxConfig config, Clock clock,
                        Metrics metrics) {
        super("outbox-worker", config.pollInterval());
        this.jdbi = jdbi;
        this.channels = new HashMap<>();
        for (Channel channel : channels) {
            this.channels.put(channel.name(), channel);
            pacers.put(channel.name(), new Pacer(channel::budget, config.roomPostLimit(), config.roomPostWindow()));
        }
        this.senders = Map.copyOf(senders);
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    protected Duration pass() {
        return Duration.between(clock.instant(), sendDue());
    }

    /**
     * Settles abandoned claims, then sends every due entry whose room and account may post now.
     *
     * @return when to look again
     */
    Instant sendDue() {
        Instant now = clock.instant();
        OutboxDao dao = jdbi.onDemand(OutboxDao.class);
        if (!now.isBefore(nextRecovery)) {
            recoverAbandoned(dao, now);
            nextRecovery = now.plus(config.lease().dividedBy(4));
        }
        Instant wakeAt = now.plus(config.pollInterval());
        List<OutboxEntry> due = dao.due(now, BATCH);
        for (OutboxEntry entry : due) {
            if (closing()) {
                break;
            }
            Sender sender = senders.get(entry.channel());
            if (sender == null) {
                dao.markDead(entry.id(), "no channel named " + entry.channel() + " is configured");
                continue;
            }
            Instant attemptAt = clock.instant();
            if (sender.paced()) {
                Instant earliest = pacers.get(entry.channel()).earliest(entry.roomId(), attemptAt);
                if (earliest.isAfter(attemptAt)) {
                    metrics.rateLimitWait(entry.channel());
                    wakeAt = earliest.isBefore(wakeAt) ? earliest : wakeAt;
                    continue;
                }
            }
            if (dao.claim(entry.id(), owner, attemptAt.plus(config.lease())) == 1) {
                send(dao, sender, entry);
            }
        }
        if (due.size() == BATCH) {
            return clock.instant();
        }
        Instant next = dao.nextDue();
        return next != null && next.isBefore(wakeAt) ? next : wakeAt;
    }

    private void send(OutboxDao dao, Sender sender, OutboxEntry entry) {
        LogContext.run(() -> post(dao, sender, entry), "outbox_id", String.valueOf(entry.id()),
                "channel", entry.channel(), "room", entry.roomId(), "kind", entry.kind());
    }

    private void post(OutboxDao dao, Sender sender, OutboxEntry entry) {
        Pacer pacer = pacers.get(entry.channel());
        try {
            Sender.Result result;
            try {
                result = sender.send(entry);
            } finally {
                if (sender.paced()) {
                    // Stamped when the answer came: the server counted the post at some moment before that.
                    pacer.posted(entry.roomId(), clock.instant());
                }
            }
            if (result instanceof Sender.Sent sent) {
                dao.markSent(entry.id(), sent.remoteMessageId(), clock.instant());
                metrics.sendAttempted(entry.channel(), "sent");
                metrics.replyDelivered(entry.channel(), Duration.between(entry.createdAt(), clock.instant()));
                log.info("outbox: {} ({}) sent to {} room {} as message {}", entry.id(), entry.kind(), entry.channel(),
                        entry.roomId(), sent.remoteMessageId());
            } else if (result instanceof Sender.Held held) {
                dao.markHeld(entry.id(), held.note());
                metrics.sendAttempted(entry.channel(), "held");
            }
        } catch (SendException e) {
            failed(dao, pacer, entry, e);
        } catch (RuntimeException e) {
            failed(dao, pacer, entry, new SendException(SendException.Kind.TRANSIENT, null, e.toString(), e));
        }
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
                pacer.roomLimited(entry.roomId(), now);
                dao.retryLater(entry.id(), pacer.earliest(entry.roomId(), now), e.getMessage(), false);
                log.warn("outbox: {} waits for room {}'s posting limit", entry.id(), entry.roomId());
            }
            case TRANSIENT -> {
                if (attempt >= config.maxAttempts()) {
                    dao.markDead(entry.id(), "gave up after " + attempt + " attempts: " + e.getMessage());
                    log.error("outbox: {} ({}) to room {} gave up after {} attempts: {}", entry.id(), entry.kind(),
                            entry.roomId(), attempt, e.getMessage());
                } else {
                    Instant retryAt = now.plus(backoff(config.retryBackoff(), attempt));
                    dao.retryLater(entry.id(), retryAt, e.getMessage(), true);
                    log.warn("outbox: {} to room {} failed (attempt {}), retrying at {}: {}", entry.id(), entry.roomId(),
                            attempt, retryAt, e.getMessage());
                }
            }
            case PERMANENT -> {
                dao.markDead(entry.id(), e.getMessage());
                log.error("outbox: {} ({}) to room {} refused for good: {}", entry.id(), entry.kind(), entry.roomId(),
                        e.getMessage());
            }
        }
    }

    /** The metrics' name for what a failed attempt leads to. */
    private String outcome(SendException.Kind kind, int attempt) {
        return switch (kind) {
            case ACCOUNT_RATE_LIMITED, ROOM_RATE_LIMITED -> "rate_limited";
            case TRANSIENT -> attempt >= config.maxAttempts() ? "dead" : "retry";
            case PERMANENT -> "dead";
        };
    }

    /** The base, doubled for each attempt, capped at 10 minutes, with jitter over its upper half. */
    static Duration backoff(Duration base, int attempt) {
        long cap = Math.min(600_000L, base.toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
    }

    private void recoverAbandoned(OutboxDao dao, Instant now) {
        for (OutboxEntry entry : dao.abandoned(now)) {
            if (entry.recoveries() >= 1) {
                dao.markDead(entry.id(), "outcome unknown after a crash, twice: not retried again, to never post it twice");
                log.error("outbox: {} to room {}: outcome unknown twice; marked dead", entry.id(), entry.roomId());
                continue;
            }
            Optional<String> found = findPosted(entry);
            if (found.isPresent()) {
                dao.markSent(entry.id(), found.get(), now);
                log.info("outbox: {} was posted before the crash (message {})", entry.id(), found.get());
            } else if (dao.recover(entry.id(), now) == 1) {
                log.warn("outbox: {} to room {}: outcome unknown after a crash, retrying once", entry.id(), entry.roomId());
            }
        }
    }

    /** Looks for the entry among the room's latest messages by the bot. */
    private Optional<String> findPosted(OutboxEntry entry) {
        Channel channel = channels.get(entry.channel());
        if (channel == null || senders.get(entry.channel()) == null || !senders.get(entry.channel()).paced()) {
            return Optional.empty();
        }
        try {
            Optional<String> bot = channel.botAccountId();
            Optional<List<RoomMessage>> messages = channel.recentMessages(entry.roomId());
            if (bot.isEmpty() || messages.isEmpty()) {
                return Optional.empty();
            }
            String body = normalise(entry.body());
            return messages.get().stream()
                    .filter(message -> message.senderId().equals(bot.get()) && normalise(message.body()).equals(body))
                    .map(RoomMessage::messageId)
                    .reduce((first, second) -> second);
        } catch (RuntimeException e) {
            log.warn("outbox: cannot read room {} to settle entry {}: {}", entry.roomId(), entry.id(), e.getMessage());
            return Optional.empty();
        }
    }

    private static String normalise(String body) {
        return body.replace("\r\n", "\n").strip();
    }

}
