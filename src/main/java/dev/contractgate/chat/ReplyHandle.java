package dev.contractgate.chat;

import java.time.Instant;
import java.util.Objects;

/**
 * What a channel needs to answer one particular event, kept with the replies to it: the thread of a Teams message,
 * or a LINE reply token (single-use and short-lived).
 *
 * @param value opaque to everyone but the channel
 * @param expiresAt after this the handle is useless (the channel then posts without it), or null when it does not expire
 */
public record ReplyHandle(String value, Instant expiresAt) {
    public ReplyHandle {
        Objects.requireNonNull(value, "value");
    }

    public boolean usableAt(Instant now) {
        return expiresAt == null || now.isBefore(expiresAt);
    }
}
