package dev.contractgate.chat;

import java.util.Optional;

/**
 * A channel's way out: reading who is in a room, and posting. A channel with credentials talks to its service; a
 * channel without them is a {@link DryRun}, which reads nothing and holds everything.
 */
public interface Outbound {
    /** True for a dry run; only reported (in {@code /ready} and the log), the behaviour is the implementation's. */
    boolean dryRun();

    /**
     * Who is in a room: the channel's own list (never empty), or {@link Members.Unlisted} when the channel gives no
     * list by design (a dry run; an account that may not read member lists), so the room is the roster of who has
     * been seen.
     *
     * @param conversation what was stored from the room's events (see {@link ChatEvent#conversation()}), or null
     * @throws ChannelReadException when the list could not be read: unavailable (a timeout, 5xx, 429, an empty or
     *         malformed answer: try later) or gone (the bot is no longer in the room). Nothing is decided without it.
     */
    Members members(String roomId, String conversation);

    /**
     * Posts a reply.
     *
     * @throws SendException when it was not posted, or may not have been ({@link SendException.Kind#UNKNOWN_OUTCOME})
     */
    Delivery post(Outgoing message);

    /** Settles a reply whose send had an unknown outcome: the channel reads back what it can (the unknown-outcome rule). */
    Settlement settle(Outgoing message);

    /** The posting limits to keep to. */
    Pacing pacing();

    /** The account's request budget as the service last announced it, if it announces one. */
    Optional<Budget> budget();
}
