package dev.contractgate.inbox;

import java.util.Objects;

/**
 * A delivery to store.
 *
 * @param status {@code pending}, or {@code ignored} for an event type the bot does not act on
 */
public record NewInboxEvent(String channel, String eventType, String messageId, long updateTime, String roomId,
                            String payload, String status, String note) {
    /** The longest event type the inbox stores. */
    public static final int MAX_EVENT_TYPE_LENGTH = 64;

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

    /** A key for a delivery that carries no id of its own: the SHA-256 of its bytes. */
    public static String digest(byte[] body) {
        try {
            return "sha256:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** An event type as it came, fit for its column: no control characters, at most {@value #MAX_EVENT_TYPE_LENGTH} chars. */
    public static String storableType(String eventType) {
        String kept = eventType.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return kept.length() > MAX_EVENT_TYPE_LENGTH ? kept.substring(0, MAX_EVENT_TYPE_LENGTH) : kept;
    }

    public static NewInboxEvent ignored(String channel, String eventType, String messageId, String payload, String note) {
        return new NewInboxEvent(channel, eventType, messageId, 0, null, payload, InboxEvent.IGNORED, note);
    }
}
