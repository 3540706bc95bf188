package dev.contractgate.line;

import java.time.Instant;
import java.util.List;

/**
 * The parts of one LINE webhook event the bot uses (Messaging API reference, "Webhook Event Objects"); unknown fields
 * are ignored.
 *
 * @param destination the bot's own user id, as the delivery named it
 * @param webhookEventId a ULID, the same on a redelivery: the key that stores an event once
 * @param replyToken single-use and short-lived; absent in standby mode and for events that cannot be answered
 * @param unsentMessageId for {@code unsend}: the message taken back
 * @param members for {@code memberJoined} and {@code memberLeft}: the user ids
 */
record LineEvent(String destination, String type, String webhookEventId, Instant timestamp, String mode,
                 boolean redelivery, Source source, String replyToken, Message message, String unsentMessageId,
                 List<String> members) {

    static final String MESSAGE = "message";
    static final String UNSEND = "unsend";
    static final String JOIN = "join";
    static final String LEAVE = "leave";
    static final String MEMBER_JOINED = "memberJoined";
    static final String MEMBER_LEFT = "memberLeft";
    /** The event types the bot acts on; any other is recorded as ignored. */
    static final List<String> KNOWN_TYPES = List.of(MESSAGE, UNSEND, JOIN, LEAVE, MEMBER_JOINED, MEMBER_LEFT);

    LineEvent {
        members = members == null ? List.of() : List.copyOf(members);
    }

    /**
     * Where the event happened: a group ({@code groupId}), a legacy multi-person chat ({@code roomId}) or a 1:1 chat
     * with the bot ({@code user}).
     *
     * @param userId absent for a user who did not consent to share their profile
     */
    record Source(String type, String groupId, String roomId, String userId) {
        static final String USER = "user";

        /** The room: the group, the legacy room, or (1:1) the user. */
        String room() {
            return groupId != null ? groupId : roomId != null ? roomId : userId;
        }

        boolean direct() {
            return USER.equals(type);
        }
    }

    /** A mention inside a text: {@code index} and {@code length} in UTF-16 units; {@code self} when it is the bot. */
    record Mentionee(int index, int length, String type, String userId, boolean self) {
    }

    /**
     * A message; only {@code text} messages are read.
     *
     * @param text as sent (mention positions refer to it): control characters still in it
     * @param quotedMessageId the message this one quotes (its text is not part of this one)
     */
    record Message(String id, String type, String text, String quotedMessageId, List<Mentionee> mentionees) {
        static final String TEXT = "text";

        Message {
            mentionees = mentionees == null ? List.of() : List.copyOf(mentionees);
        }
    }

    /** True when the bot acts on this event; a message that is not text is recorded as ignored. */
    boolean known() {
        return KNOWN_TYPES.contains(type) && (!MESSAGE.equals(type) || Message.TEXT.equals(message.type()));
    }

    /** Why an event is not acted on. */
    String ignoredBecause() {
        return MESSAGE.equals(type) ? "message type " + message.type() + " is not read (only text)"
                : "event type " + type + " is not acted on";
    }
}
