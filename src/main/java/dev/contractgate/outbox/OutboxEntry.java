package dev.contractgate.outbox;

import dev.contractgate.chat.ReplyHandle;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** A stored reply (table {@code outbox}). */
public record OutboxEntry(long id, String channel, String roomId, String kind, String status, String body,
                          String addressees, String cooldownKey, String triggerRule, String triggerMessageId,
                          String triggerMatch, int attempts, int recoveries, String lastError, Instant createdAt,
                          Instant availableAt, String leaseOwner, Instant sentAt, String remoteMessageId,
                          String payload, String replyHandle, Instant replyHandleExpiresAt, String idempotencyKey,
                          String aboutRoomId) {
    public static final String PENDING = "pending";
    public static final String SENDING = "sending";
    public static final String SENT = "sent";
    public static final String HELD = "held";
    public static final String DEAD = "dead";
    /** Waiting for the channel's message quota. */
    public static final String DEFERRED = "deferred";

    /** The addressees, in order. */
    public List<String> addresseeList() {
        return addressees == null || addressees.isEmpty() ? List.of() : Arrays.asList(addressees.split(","));
    }

    /** The handle of the event this answers, or null. */
    public ReplyHandle handle() {
        return replyHandle == null ? null : new ReplyHandle(replyHandle, replyHandleExpiresAt);
    }
}
