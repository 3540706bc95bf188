package dev.contractgate.inbox;

import java.time.Instant;

/** A stored delivery (table {@code inbox_event}). */
public record InboxEvent(long id, String channel, String eventType, String messageId, long updateTime, String roomId,
                         String payload, String status, String note, int attempts, String lastError,
                         Instant receivedAt, Instant availableAt, String leaseOwner, Instant processedAt) {
    public static final String PENDING = "pending";
    public static final String DONE = "done";
    public static final String IGNORED = "ignored";
    public static final String FAILED = "failed";
}
