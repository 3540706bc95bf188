package dev.contractgate.chat;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A reply the bot will post, before the channel's notation is applied.
 *
 * @param addressees accounts mentioned at the start, in order
 * @param names display names of the addressees, for channels that mention by name (Teams); may be partial
 * @param replyTo the message this answers (threaded where the channel can), or null
 * @param replyHandle what the channel gave to answer the triggering event, or null (see {@link ReplyHandle})
 * @param title a short heading
 * @param text the body, plain text with line breaks
 */
public record Reply(String channel, String roomId, ReplyKind kind, List<String> addressees, Map<String, String> names,
                    MessageRef replyTo, ReplyHandle replyHandle, String title, String text) {

    /** A message in a room, and who wrote it. */
    public record MessageRef(String messageId, String senderId) {
    }

    public Reply {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(kind, "kind");
        addressees = List.copyOf(addressees);
        names = names == null ? Map.of() : Map.copyOf(names);
        Objects.requireNonNull(text, "text");
    }

    /** A reply without names or a reply handle. */
    public Reply(String channel, String roomId, ReplyKind kind, List<String> addressees, MessageRef replyTo, String title,
                 String text) {
        this(channel, roomId, kind, addressees, Map.of(), replyTo, null, title, text);
    }

    /** The display name of an addressee, or its id when unknown. */
    public String nameOf(String accountId) {
        String name = names.get(accountId);
        return name == null || name.isBlank() ? accountId : name;
    }
}
