package dev.contractgate.chat;

import java.util.BitSet;
import java.util.Optional;
import java.util.Set;

/**
 * A chat service the bot lives on (Chatwork, Microsoft Teams, …). The rest of the service knows a channel only
 * through this interface and finds it by name in {@link Channels}: what its ids look like, how its events read, which
 * parts of a message are its notation, how its replies are written and posted, and its limits.
 */
public interface Channel {
    /** The channel's name as stored and used in the API: {@code chatwork}, {@code msteams}. */
    String name();

    /**
     * The names the analysis lexicon gives this channel's own service ({@code chatwork}; {@code teams}): talk about
     * the channel the conversation is already on is not a move elsewhere.
     */
    Set<String> lexiconNames();

    /**
     * How the channel stands now (for {@code /ready}): off (no inbound secret), dry (no outbound credentials), working,
     * or failing and why, with what operators should know about it.
     */
    ChannelState state();

    /** The bot's own account on this channel, once known; events from it are never acted on. */
    Optional<String> botAccountId();

    /**
     * True when the channel's events can be acted on now: the bot's own account is known (so its own messages are
     * told apart), or it runs dry (it never posts, so there are none).
     */
    default boolean canAct() {
        return botAccountId().isPresent() || outbound().dryRun();
    }

    /** What its account and room ids look like. */
    IdFormat ids();

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

    /** Writes a reply in the channel's notation. */
    Rendered render(Reply reply);

    /** How the bot reads and posts: the channel's service, or a {@link DryRun}. */
    Outbound outbound();

    /**
     * The room in which to reach a person privately, from the route the channel kept from their events
     * ({@link ChatEvent#privateRoute()}): a reply posted there carries {@code about_room_id}. Empty when the channel
     * knows no such room yet (Teams: the person never wrote to the bot in a personal chat).
     */
    default Optional<String> privateRoom(String route) {
        return Optional.empty();
    }

    /**
     * The private route that a one-to-one chat with the bot is, for channels whose events do not carry one
     * ({@link ChatEvent#privateRoute()}): Chatwork's direct chat is reached by its room id. Empty by default.
     */
    default Optional<String> directRoute(String roomId) {
        return Optional.empty();
    }
}
