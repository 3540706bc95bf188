package dev.contractgate.outbox;

import java.time.Instant;

/** A stored reply (table {@code outbox}). */
public record OutboxEntry(long id, String channel, String roomId, String kind, String status, String body,
                          String addressees, String cooldownKey, String triggerRule, String triggerMessageId,
                          String triggerMatch, int attempts, int recoveries, String lastError, Instant createdAt,
                          Instant availableAt, String leaseOwner, Instant sentAt, String remoteMessageId) {
    public static final String PENDING = "pending";
    public static final String SENDING = "sending";
    public static final String SENT = "sent";
    public static final String HELD = "held";
    public static final String DEAD = "dead";
    /** An operator gave it up; it is never sent. */
    public static final String DISCARDED = "discarded";
}
