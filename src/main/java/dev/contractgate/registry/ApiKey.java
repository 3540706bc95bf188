package dev.contractgate.registry;

import java.time.Instant;

/**
 * A stored API key, without its secret (table {@code api_key}). A freelancer or client key is bound to one account.
 *
 * @param channel null for an operator key
 * @param accountId null for an operator key
 * @param expiresAt null: never expires
 * @param revokedAt null: not revoked
 * @param lastUsedAt when a request last came with it, to about a minute; null: never used
 */
public record ApiKey(long id, Role role, String channel, String accountId, String name, Instant createdAt,
                     Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {

    /** What a key can do now: {@code active}, {@code revoked} or {@code expired}. */
    public String status(Instant now) {
        if (revokedAt != null) {
            return "revoked";
        }
        return expiresAt != null && !expiresAt.isAfter(now) ? "expired" : "active";
    }

    public boolean activeAt(Instant now) {
        return "active".equals(status(now));
    }
}
