package dev.contractgate.chat;

import java.time.Instant;

/**
 * A message could not be posted, or may not have been. {@link Kind} tells the outbox what to do: wait for the
 * account's budget or the room's limit, retry later, settle an unknown outcome through the channel, wait for quota,
 * or give up.
 */
public final class SendException extends RuntimeException {
    public enum Kind {
        /** The account's budget is spent: nothing can be posted before {@link #retryAt()}. A known non-send. */
        ACCOUNT_RATE_LIMITED,
        /** This room's posting limit is reached: this room waits, others go on. A known non-send. */
        ROOM_RATE_LIMITED,
        /** Not posted, and trying again later may work (no connection, a refusal that says "not now"). */
        TRANSIENT,
        /**
         * May have been posted: a timeout, a dropped connection or a 5xx after the request went out. The channel
         * settles it ({@link Outbound#settle}); it is never retried blindly.
         */
        UNKNOWN_OUTCOME,
        /** The channel's message quota is used up: the reply waits as {@code deferred} until {@link #retryAt()}. */
        QUOTA_EXHAUSTED,
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
