package dev.contractgate.outbox;

import java.time.Instant;
import java.util.Objects;

/**
 * A reply to store.
 *
 * @param addressees comma-separated account ids
 * @param cooldownKey what the reply counts against for cooldowns: the kind, or the kind and an application
 * @param payload what the channel needs besides the body to post it, or null
 * @param replyHandle and {@code replyHandleExpiresAt}: what answers the triggering event, or null
 * @param idempotencyKey unique to this entry, the same on every attempt
 * @param aboutRoomId the room a reply posted privately is about, or null
 */
public record NewOutboxEntry(String channel, String roomId, String kind, String body, String addressees,
                             String cooldownKey, String triggerRule, String triggerMessageId, String triggerMatch,
                             String payload, String replyHandle, Instant replyHandleExpiresAt, String idempotencyKey,
                             String aboutRoomId) {
    /** An entry with a payload, reply handle and idempotency key, posted in its own room. */
    public NewOutboxEntry(String channel, String roomId, String kind, String body, String addressees,
                          String cooldownKey, String triggerRule, String triggerMessageId, String triggerMatch,
                          String payload, String replyHandle, Instant replyHandleExpiresAt, String idempotencyKey) {
        this(channel, roomId, kind, body, addressees, cooldownKey, triggerRule, triggerMessageId, triggerMatch, payload,
                replyHandle, replyHandleExpiresAt, idempotencyKey, null);
    }

    public NewOutboxEntry {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(addressees, "addressees");
        Objects.requireNonNull(cooldownKey, "cooldownKey");
    }

    /** A plain entry: no payload, reply handle or idempotency key. */
    public NewOutboxEntry(String channel, String roomId, String kind, String body, String addressees, String cooldownKey,
                          String triggerRule, String triggerMessageId, String triggerMatch) {
        this(channel, roomId, kind, body, addressees, cooldownKey, triggerRule, triggerMessageId, triggerMatch, null,
                null, null, null, null);
    }
}
