package dev.contractgate.pages;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Operator console sessions: made after an operator key was checked, held by the browser as a cookie whose hash is
 * stored, each with its own CSRF token. A session ends by signing out, by running out, or when the stored key it was
 * made with is revoked or expires (checked on every request, so it holds on every instance).
 */
public final class ConsoleSessions {
    /** A new session: the cookie's secret (stored nowhere) and the session. */
    public record Started(String token, ConsoleSession session) {
    }

    private final Jdbi jdbi;
    private final Duration ttl;
    private final Clock clock;

    public ConsoleSessions(Jdbi jdbi, Duration ttl, Clock clock) {
        this.jdbi = jdbi;
        this.ttl = ttl;
        this.clock = clock;
    }

    public Duration ttl() {
        return ttl;
    }

    /** @param keyId the operator key that was presented, or null for the bootstrap key */
    public Started start(Long keyId) {
        String token = Tokens.random();
        Instant now = now();
        ConsoleSessionDao dao = jdbi.onDemand(ConsoleSessionDao.class);
        dao.insert(Tokens.hash(token), Tokens.random(), keyId, now, now.plus(ttl));
        return new Started(token, dao.find(Tokens.hash(token)).orElseThrow());
    }

    /** The live session of this cookie; a session whose key was revoked is ended and not returned. */
    public Optional<ConsoleSession> find(String token) {
        if (!Tokens.looksLikeToken(token)) {
            return Optional.empty();
        }
        ConsoleSessionDao dao = jdbi.onDemand(ConsoleSessionDao.class);
        Optional<ConsoleSession> session = dao.find(Tokens.hash(token));
        Instant now = now();
        if (session.isPresent() && !session.get().liveAt(now)) {
            dao.end(session.get().id(), now);
            return Optional.empty();
        }
        return session;
    }

    public void end(ConsoleSession session) {
        jdbi.onDemand(ConsoleSessionDao.class).end(session.id(), now());
    }

    /** Ends every session made with this key (it was revoked). */
    public int endForKey(long keyId) {
        return jdbi.onDemand(ConsoleSessionDao.class).endForKey(keyId, now());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
