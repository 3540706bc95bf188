package dev.contractgate.chat;

import java.util.Optional;

/** A chat service the bot lives on (Chatwork; Teams later). The rest of the service talks to channels only through this. */
public interface Channel {
    /** The channel's name as stored and used in the API: {@code chatwork}, {@code msteams}. */
    String name();

    /** The bot's own account on this channel, once known; events from it are never acted on. */
    Optional<String> botAccountId();

    /** Why the channel cannot work yet (for {@code /ready}), or empty when it can. */
    Optional<String> notReadyReason();

    /**
     * Turns an event stored in the inbox back into a {@link ChatEvent}.
     *
     * @return empty for an event type the bot does not act on
     */
    Optional<ChatEvent> decode(String eventType, String payload);
}
