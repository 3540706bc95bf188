package dev.contractgate.outbox;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The rows {@link Pacer} shares between instances; every method runs in the caller's transaction. */
@RegisterConstructorMapper(PacingDao.AnnouncedBudget.class)
interface PacingDao {
    /** The freshest budget an instance heard the channel announce, and when it was heard. */
    record AnnouncedBudget(Integer budgetRemaining, Instant budgetReset, Instant budgetSeenAt) {
    }

    /** Takes the channel's row lock (PostgreSQL) or the write lock (SQLite) for the rest of the transaction. */
    @SqlUpdate("""
            INSERT INTO pacing_channel (channel, reservations) VALUES (:channel, 1)
            ON CONFLICT (channel) DO UPDATE SET reservations = pacing_channel.reservations + 1
            """)
    void lock(String channel);

    /** Keeps an announcement when it is fresher: a later reset, or fewer calls left before the same reset. */
    @SqlUpdate("""
            UPDATE pacing_channel SET budget_remaining = :remaining, budget_reset = :reset, budget_seen_at = :seenAt
            WHERE channel = :channel
              AND (budget_reset IS NULL OR budget_reset < :reset OR (budget_reset = :reset AND budget_remaining > :remaining))
            """)
    void announced(String channel, int remaining, Instant reset, Instant seenAt);

    @SqlQuery("SELECT budget_remaining, budget_reset, budget_seen_at FROM pacing_channel WHERE channel = :channel")
    Optional<AnnouncedBudget> budget(String channel);

    @SqlQuery("SELECT posted_at FROM pacing_post WHERE channel = :channel AND scope = :scope AND posted_at > :since ORDER BY posted_at")
    List<Instant> postsSince(String channel, String scope, Instant since);

    /** Posts at or after {@code since} (one at the very moment of an announcement may or may not be in it: counted). */
    @SqlQuery("SELECT COUNT(*) FROM pacing_post WHERE channel = :channel AND scope = :scope AND posted_at >= :since")
    int countSince(String channel, String scope, Instant since);

    @SqlQuery("INSERT INTO pacing_post (channel, scope, posted_at) VALUES (:channel, :scope, :at) RETURNING id")
    long post(String channel, String scope, Instant at);

    /** Stamps reserved posts with the moment the channel answered (it counted them at some moment before that). */
    @SqlUpdate("UPDATE pacing_post SET posted_at = :at WHERE id IN (<ids>)")
    void stamp(@BindList("ids") List<Long> ids, Instant at);

    @SqlUpdate("DELETE FROM pacing_post WHERE id IN (<ids>)")
    void unpost(@BindList("ids") List<Long> ids);

    @SqlUpdate("DELETE FROM pacing_post WHERE channel = :channel AND posted_at < :before")
    void forget(String channel, Instant before);

    @SqlQuery("SELECT MAX(blocked_until) FROM pacing_block WHERE channel = :channel AND scope IN (:room, '') AND blocked_until > :now")
    Instant blockedUntil(String channel, String room, Instant now);

    /** A block never shortens: of two instances refused at once, the later end stays. */
    @SqlUpdate("""
            INSERT INTO pacing_block (channel, scope, blocked_until) VALUES (:channel, :scope, :until)
            ON CONFLICT (channel, scope) DO UPDATE SET blocked_until = excluded.blocked_until
            WHERE pacing_block.blocked_until < excluded.blocked_until
            """)
    void block(String channel, String scope, Instant until);
}
