package dev.contractgate.chat;

import java.util.List;
import java.util.Objects;

/**
 * A reply the bot will post, before the channel's notation is applied.
 *
 * @param addressees accounts mentioned at the start, in order
 * @param replyTo the message this answers (threaded where the channel can), or null
 * @param title a short heading
 * @param text the body, plain text with line breaks
 */
public record Reply(String channel, String roomId, ReplyKind kind, List<String> addressees, MessageRef replyTo,
                    String title, String text) {

    /** A message in a room, and who wrote it. */
    public record MessageRef(String messageId, String senderId) {
    }

    public Reply {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(kind, "kind");
        addressees = List.copyOf(addressees);
        Objects.requireNonNull(text, "text");
    }
}
