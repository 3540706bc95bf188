package dev.contractgate.pages;

import java.time.Instant;

/**
 * An operator's console sign-in (table {@code console_session}), with the state of the key it was made with.
 *
 * @param csrfToken every form of the session carries it
 * @param keyId the stored operator key, or null for the bootstrap key
 * @param keyRevokedAt and {@code keyExpiresAt}: of that key (null when it has none or there is no stored key)
 */
public record ConsoleSession(long id, String csrfToken, Long keyId, Instant createdAt, Instant expiresAt,
                             Instant endedAt, Instant keyRevokedAt, Instant keyExpiresAt) {

    /** Live: not ended, not expired, and the key it came with neither revoked nor expired. */
    public boolean liveAt(Instant now) {
        return endedAt == null && expiresAt.isAfter(now) && keyRevokedAt == null
                && (keyExpiresAt == null || keyExpiresAt.isAfter(now));
    }

    /** How the audit log names the key behind the session. */
    public String via() {
        return "console, " + (keyId == null ? "bootstrap key" : "key " + keyId);
    }
}
