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
     * Who is in a room.
     *
     * @param conversation what was stored from the room's events (see {@link ChatEvent#conversation()}), or null
     * @throws RuntimeException when the channel could not be read
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
