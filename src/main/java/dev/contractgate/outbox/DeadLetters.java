package dev.contractgate.outbox;

import dev.contractgate.registry.Actor;
import dev.contractgate.registry.AuditDao;
import dev.contractgate.registry.ConflictException;
import dev.contractgate.registry.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * An operator's repairs of the outbox: send a {@code dead} or {@code held} reply again, or give one up
 * ({@code discarded}). Each change and its audit entry commit together; of two racing changes one wins and the other
 * is a conflict.
 */
public final class DeadLetters {
    /** What may be sent again: what was given up, and what a dry run held. */
    public static final List<String> RETRYABLE = List.of(OutboxEntry.DEAD, OutboxEntry.HELD);
    /** What may be given up: anything not sent and not being sent right now. */
    public static final List<String> DISCARDABLE = List.of(OutboxEntry.DEAD, OutboxEntry.HELD, OutboxEntry.PENDING,
            OutboxEntry.DEFERRED);

    private final Jdbi jdbi;
    private final Clock clock;
    private final Runnable wake;

    /** @param wake tells the sender that an entry is due */
    public DeadLetters(Jdbi jdbi, Clock clock, Runnable wake) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.wake = wake;
    }

    /**
     * Puts a dead or held entry back to {@code pending}, due now, with its attempts counted afresh. A reply whose
     * outcome was unknown may then be posted twice: the operator decides.
     */
    public OutboxEntry retry(Actor actor, long id) {
        OutboxEntry retried = change(actor, id, RETRYABLE, "outbox.retried", "sent again",
                (dao, now) -> dao.requeue(id, RETRYABLE, now));
        wake.run();
        return retried;
    }

    /** Gives an entry up for good: it is never sent. */
    public OutboxEntry discard(Actor actor, long id) {
        return change(actor, id, DISCARDABLE, "outbox.discarded", "discarded", (dao, now) -> dao.discard(id, DISCARDABLE));
    }

    private interface Update {
        int apply(OutboxDao dao, Instant now);
    }

    private OutboxEntry change(Actor actor, long id, List<String> from, String action, String done, Update update) {
        return jdbi.inTransaction(handle -> {
            OutboxDao dao = handle.attach(OutboxDao.class);
            OutboxEntry entry = dao.find(id).orElseThrow(() -> new NotFoundException("no outbox entry " + id));
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            if (update.apply(dao, now) != 1) {
                String status = dao.find(id).orElseThrow().status();
                throw new ConflictException("outbox entry " + id + " is " + status + ": only an entry that is "
                        + String.join(" or ", from) + " can be " + done);
            }
            handle.attach(AuditDao.class).insert(now, actor.label(), action, "outbox:" + id, null, null,
                    entry.kind() + " to " + entry.channel() + " room " + entry.roomId() + ", was " + entry.status()
                            + (entry.lastError() == null ? "" : " (" + entry.lastError() + ")"));
            return dao.find(id).orElseThrow();
        });
    }
}
