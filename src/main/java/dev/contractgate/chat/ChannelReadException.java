package dev.contractgate.chat;

import java.time.Instant;

/**
 * A read from a channel (the members of a room) did not give an answer the bot can decide on. Nothing is decided
 * without it: the event that needed it waits ({@link Kind#UNAVAILABLE}) or is set aside ({@link Kind#GONE}).
 */
public final class ChannelReadException extends RuntimeException {
    /** Why the read failed. */
    public enum Kind {
        /** The channel did not answer, answered 5xx or 429, or answered something unusable: try again later. */
        UNAVAILABLE,
        /** The channel says the room is not there for the bot (403, 404): the bot is no longer in it. */
        GONE
    }

    private final Kind kind;
    private final Instant notBefore;

    /** @param notBefore when the channel said it will answer again (a rate limit's reset), or null */
    public ChannelReadException(Kind kind, Instant notBefore, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.notBefore = notBefore;
    }

    public Kind kind() {
        return kind;
    }

    /** When the channel said it will answer again, or null when it did not say. */
    public Instant notBefore() {
        return notBefore;
    }

    public boolean isGone() {
        return kind == Kind.GONE;
    }
}
