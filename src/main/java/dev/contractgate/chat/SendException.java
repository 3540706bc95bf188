package dev.contractgate.chat;

import java.time.Instant;

/**
 * A message could not be posted. {@link Kind} tells the outbox what to do: wait for the account's budget, wait for
 * the room's posting limit, retry later, or give up.
 */
public final class SendException extends RuntimeException {
    public enum Kind {
        /** The account's budget is spent: nothing can be posted before {@link #retryAt()}. */
        ACCOUNT_RATE_LIMITED,
        /** This room's posting limit is reached: this room waits, others go on. */
        ROOM_RATE_LIMITED,
        /** No answer, or a server error: try again with backoff. */
        TRANSIENT,
        /** Refused for good (bad request, no access to the room…): retrying cannot help. */
        PERMANENT
    }

    private final Kind kind;
    private final Instant retryAt;

    public SendException(Kind kind, Instant retryAt, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAt = retryAt;
    }

    public Kind kind() {
        return kind;
    }

    /** When the channel said trying again makes sense, or null when it did not say. */
    public Instant retryAt() {
        return retryAt;
    }
}
