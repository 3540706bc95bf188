package dev.contractgate.inbox;

import java.util.Objects;

/**
 * A delivery to store.
 *
 * @param status {@code pending}, or {@code ignored} for an event type the bot does not act on
 */
public record NewInboxEvent(String channel, String eventType, String messageId, long updateTime, String roomId,
                            String payload, String status, String note) {
    public NewInboxEvent {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(status, "status");
    }

    public static NewInboxEvent pending(String channel, String eventType, String messageId, long updateTime, String roomId, String payload) {
        return new NewInboxEvent(channel, eventType, messageId, updateTime, roomId, payload, InboxEvent.PENDING, null);
    }

    public static NewInboxEvent ignored(String channel, String eventType, String messageId, String payload, String note) {
        return new NewInboxEvent(channel, eventType, messageId, 0, null, payload, InboxEvent.IGNORED, note);
    }
}
