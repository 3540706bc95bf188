package dev.contractgate.registry;

import dev.contractgate.validation.FieldErrors;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * API keys: 32 random bytes, written {@code cg_} + Base64url. Only the SHA-256 of a key is stored; a fast hash is
 * right here because the keys are high-entropy, unlike passwords.
 */
public final class ApiKeys {
    public static final String PREFIX = "cg_";
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
        FieldErrors errors = new FieldErrors();
        request.check(ids, errors);
        errors.throwIfAny("invalid key request");
        if (!actor.isOperator()) {
            throw new NotPermittedException("only an operator creates keys");
        }
        byte[] bytes = new byte[KEY_BYTES];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return jdbi.inTransaction(handle -> {
            ApiKeyDao dao = handle.attach(ApiKeyDao.class);
            long id = dao.insert(hash(secret), request, now);
            ApiKey key = dao.find(id).orElseThrow();
            handle.attach(AuditDao.class).insert(now, actor.label(), "api_key.created", "api_key:" + id, null, null,
                    describe(key));
            return new IssuedKey(key, secret);
        });
    }

    private static String describe(ApiKey key) {
        return key.role().wire() + (key.role().isParty() ? " " + key.channel() + ":" + key.accountId() : "")
                + (key.name() == null ? "" : " (" + key.name() + ")");
    }

    /** The channels a party key may be bound to, and their id formats. */
    public ChannelIds ids() {
        return ids;
    }

    /** The stored key a presented secret belongs to, if any. */
    public Optional<ApiKey> find(String secret) {
        return keys.findByHash(hash(secret));
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
