package dev.contractgate.chat;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened in a room, in words every channel shares.
 *
 * @param editedAt when the message was last edited, or null when it never was
 * @param mentionedAccountId the account a {@link Type#MENTION} was addressed to, else null
 */
public record ChatEvent(
        String channel,
        Type type,
        String roomId,
        String messageId,
        String senderId,
        String body,
        Instant sentAt,
        Instant editedAt,
        String mentionedAccountId) {

    public enum Type { MESSAGE_CREATED, MESSAGE_UPDATED, MENTION }

    public ChatEvent {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(senderId, "senderId");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(sentAt, "sentAt");
    }

    public boolean isEdit() {
        return editedAt != null;
    }
}
