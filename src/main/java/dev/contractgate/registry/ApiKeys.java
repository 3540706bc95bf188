package dev.contractgate.registry;

import dev.contractgate.validation.FieldErrors;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API keys: 32 random bytes, written {@code cg_} + Base64url. Only the SHA-256 of a key is stored; a fast hash is
 * right here because the keys are high-entropy, unlike passwords.
 *
 * <p>Every request reads its key's row, so a revoke or an expiry holds on every instance sharing the database from
 * the next request on: nothing is cached. When the key was last used is written at most once per
 * {@link #USE_RECORD_INTERVAL}, not on every request.
 */
public final class ApiKeys {
    public static final String PREFIX = "cg_";
    /** {@code last_used_at} is exact to this much. */
    public static final Duration USE_RECORD_INTERVAL = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);
    private static final int KEY_BYTES = 32;

    private final Jdbi jdbi;
    private final ChannelIds ids;
    private final Clock clock;
    private final ApiKeyDao keys;
    private final SecureRandom random = new SecureRandom();

    public ApiKeys(Jdbi jdbi, ChannelIds ids, Clock clock) {
        this.jdbi = jdbi;
        this.ids = ids;
        this.clock = clock;
        this.keys = jdbi.onDemand(ApiKeyDao.class);
    }

    /** Creates a key and its audit entry; the secret is in the answer and nowhere else. */
    public IssuedKey create(Actor actor, NewApiKey request) {
        Instant now = now();
        FieldErrors errors = new FieldErrors();
        request.check(ids, errors);
        request.checkExpiry(now, errors);
        errors.throwIfAny("invalid key request");
        if (!actor.isOperator()) {
            throw new NotPermittedException("only an operator creates keys");
        }
        byte[] bytes = new byte[KEY_BYTES];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return jdbi.inTransaction(handle -> {
            ApiKeyDao dao = handle.attach(ApiKeyDao.class);
            long id = dao.insert(hash(secret), request, now);
            ApiKey key = dao.find(id).orElseThrow();
            handle.attach(AuditDao.class).insert(now, actor.label(), "api_key.created", "api_key:" + id, null, null,
                    describe(key));
            return new IssuedKey(key, secret);
        });
    }

    /** How the audit log and the command line name a key: {@code client chatwork:2001 (佐藤), expires …}. */
    public static String describe(ApiKey key) {
        return key.role().wire() + (key.role().isParty() ? " " + key.channel() + ":" + key.accountId() : "")
                + (key.name() == null ? "" : " (" + key.name() + ")")
                + (key.expiresAt() == null ? "" : ", expires " + key.expiresAt());
    }

    /** The channels a party key may be bound to, and their id formats. */
    public ChannelIds ids() {
        return ids;
    }

    /** What a presented secret stands for: a key that may be used now, or why not. */
    public sealed interface Authentication permits Accepted, Refused {
    }

    /** A known, unrevoked and unexpired key. */
    public record Accepted(ApiKey key) implements Authentication {
    }

    /** Unknown, revoked or expired; {@code reason} says which, for the 401. */
    public record Refused(String reason) implements Authentication {
    }

    /** Checks a presented secret against the stored keys, and notes the use of an accepted one. */
    public Authentication authenticate(String secret) {
        Optional<ApiKey> found = keys.findByHash(hash(secret));
        if (found.isEmpty()) {
            return new Refused("unknown API key");
        }
        ApiKey key = found.get();
        Instant now = now();
        if (key.revokedAt() != null) {
            return new Refused("this API key was revoked at " + key.revokedAt());
        }
        if (!key.activeAt(now)) {
            return new Refused("this API key expired at " + key.expiresAt());
        }
        noteUse(key, now);
        return new Accepted(key);
    }

    private void noteUse(ApiKey key, Instant now) {
        Instant notBefore = now.minus(USE_RECORD_INTERVAL);
        if (key.lastUsedAt() != null && !key.lastUsedAt().isBefore(notBefore)) {
            return;
        }
        try {
            keys.used(key.id(), now, notBefore);
        } catch (RuntimeException e) {
            // Only bookkeeping: the request itself goes on.
            log.warn("api keys: cannot record the use of key {}: {}", key.id(), e.getMessage());
        }
    }

    /** Stored keys, newest first, never with their secret. */
    public List<ApiKey> list(Role role, String channel, String accountId, int limit) {
        return keys.list(role, channel, accountId, limit);
    }

    /**
     * Revokes a key: from now on every request with it is refused, on every instance. Revoking a revoked key again
     * changes nothing and answers the key as it is.
     */
    public ApiKey revoke(Actor actor, long id) {
        if (!actor.isOperator()) {
            throw new NotPermittedException("only an operator revokes keys");
        }
        return jdbi.inTransaction(handle -> {
            ApiKeyDao dao = handle.attach(ApiKeyDao.class);
            ApiKey key = dao.find(id).orElseThrow(() -> new NotFoundException("no API key " + id));
            Instant now = now();
            if (dao.revoke(id, now) == 1) {
                handle.attach(AuditDao.class).insert(now, actor.label(), "api_key.revoked", "api_key:" + id, null, null,
                        describe(key));
            }
            return dao.find(id).orElseThrow();
        });
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Hex SHA-256 of a key's text. */
    public static String hash(String secret) {
        return HexFormat.of().formatHex(sha256(secret));
    }

    public static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
