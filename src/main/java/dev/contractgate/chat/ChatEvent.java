package dev.contractgate.chat;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Something that happened in a room, in words every channel shares.
 *
 * @param messageId the message the event is about (for events that are not messages: the event's own id)
 * @param senderId who wrote the message, or who made the change
 * @param editedAt when the message was last edited, or null when it never was
 * @param mentionedAccountId the account a {@link Type#MENTION} was addressed to, else null
 * @param senderName the sender's display name as the event gives it, or null
 * @param members who joined or left, for {@link Type#MEMBERS_JOINED} and {@link Type#MEMBERS_LEFT}; else empty
 * @param direct true when the channel says the room is a one-to-one chat with the bot, false when it says it is
 *               not, null when the event does not tell
 * @param conversation what the channel needs to post in this room later (Teams: the service URL, tenant, bot), kept
 *                     from the room's latest event and handed back with every reply; null when it needs nothing
 * @param replyHandle what answers this event in particular (a thread, a reply token), or null
 * @param privateRoute how to reach the sender privately later (a 1:1 conversation, the ids it needs), or null
 * @param command the text addressed to the bot, without the addressing, when the channel reads that from the event
 *                itself (Teams mention entities); null otherwise (Chatwork reads it from the body)
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
        String mentionedAccountId,
        String senderName,
        List<Member> members,
        Boolean direct,
        String conversation,
        ReplyHandle replyHandle,
        String privateRoute,
        String command) {

    public enum Type {
        MESSAGE_CREATED, MESSAGE_UPDATED, MENTION,
        /** The sender took the message back (LINE unsend, a deleted Teams message). */
        MESSAGE_RETRACTED,
        MEMBERS_JOINED, MEMBERS_LEFT,
        /** The bot was added to the room (or the app installed there). */
        BOT_JOINED,
        /** The bot was removed from the room. */
        BOT_LEFT;

        /** A message someone wrote (as opposed to a change to the room or to a message). */
        public boolean isMessage() {
            return this == MESSAGE_CREATED || this == MESSAGE_UPDATED || this == MENTION;
        }
    }

    public ChatEvent {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(senderId, "senderId");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(sentAt, "sentAt");
        members = members == null ? List.of() : List.copyOf(members);
    }

    /** A message event, with nothing beyond what every channel has. */
    public ChatEvent(String channel, Type type, String roomId, String messageId, String senderId, String body,
                     Instant sentAt, Instant editedAt, String mentionedAccountId) {
        this(channel, type, roomId, messageId, senderId, body, sentAt, editedAt, mentionedAccountId, null, List.of(),
                null, null, null, null, null);
    }

    public boolean isEdit() {
        return editedAt != null;
    }
}
