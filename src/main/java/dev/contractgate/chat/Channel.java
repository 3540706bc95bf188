package dev.contractgate.chat;

import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/** A chat service the bot lives on (Chatwork; Teams later). The rest of the service talks to channels only through this. */
public interface Channel {
    /** The channel's name as stored and used in the API: {@code chatwork}, {@code msteams}. */
    String name();

    /** The bot's own account on this channel, once known; events from it are never acted on. */
    Optional<String> botAccountId();

    /** How the channel stands now (for {@code /ready}): off, dry, working, or failing and why. */
    ChannelState state();

    /**
     * True when the channel's events can be acted on now: the bot's own account is known (so its own messages are
     * told apart), or it runs dry (it never posts, so there are none).
     */
    default boolean canAct() {
        return botAccountId().isPresent() || !canSend();
    }

    /**
     * Turns an event stored in the inbox back into a {@link ChatEvent}.
     *
     * @return empty for an event type the bot does not act on
     */
    Optional<ChatEvent> decode(String eventType, String payload);

    /**
     * The text of a message addressed to the bot (a command), without the addressing; empty when the message is not
     * addressed to the bot. Text the sender quotes from someone else never counts.
     */
    Optional<String> commandText(ChatEvent event);

    /**
     * The chars of a message body that are not the sender's own words: the channel's markup and addressing, quotes of
     * somebody else's message, code blocks. The analysis does not read them.
     */
    BitSet notOwnWords(String body);

    /** True when the bot can post (it has credentials); false in a dry run. */
    boolean canSend();

    /**
     * The members of a room, never an empty list.
     *
     * @return empty when the channel gives no member list by design (no credentials: a dry run); the bot then goes by
     *         the roster of who has spoken
     * @throws ChannelReadException when the list could not be read (unavailable: try later; gone: the bot is no
     *         longer in the room)
     */
    Optional<List<Member>> members(String roomId);

    /** The latest messages of a room, newest last; empty when the channel cannot tell. */
    Optional<List<RoomMessage>> recentMessages(String roomId);

    /** Writes a reply in the channel's notation. */
    String render(Reply reply);

    /**
     * Posts a rendered message.
     *
     * @return the channel's id of the new message
     * @throws SendException when it was not posted
     */
    String post(String roomId, String body);

    /** The budget the channel last announced, if any. */
    Optional<Budget> budget();
}
