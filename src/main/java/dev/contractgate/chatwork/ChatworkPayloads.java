package dev.contractgate.chatwork;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contractgate.Json;
import dev.contractgate.inbox.NewInboxEvent;
import dev.contractgate.validation.ControlCharacters;
import dev.contractgate.validation.FieldError;
import dev.contractgate.validation.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses and validates Chatwork webhook bodies (chatwork.md, "Webhooks"). Ids are kept as decimal strings: a
 * {@code message_id} is a 64-bit number that a double would round.
 */
public final class ChatworkPayloads {
    public static final String MESSAGE_CREATED = "message_created";
    public static final String MESSAGE_UPDATED = "message_updated";
    public static final String MENTION_TO_ME = "mention_to_me";
    public static final Set<String> KNOWN_TYPES = Set.of(MESSAGE_CREATED, MESSAGE_UPDATED, MENTION_TO_ME);

    /** The latest time a field may hold: the end of year 9999 (epoch seconds). */
    static final long LATEST_EPOCH_SECOND = 253_402_300_799L;

    private final ObjectMapper mapper;

    public ChatworkPayloads(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A webhook delivery. {@code message} is null for an event type the bot does not know. */
    public record Delivery(String settingId, String eventType, long eventTime, Message message, String dedupKey) {
        public boolean known() {
            return message != null;
        }
    }

    /**
     * The message an event is about.
     *
     * @param toAccountId the mentioned account for {@code mention_to_me}, else null
     * @param updateTime 0 when the message was never edited
     */
    public record Message(String messageId, String roomId, String accountId, String toAccountId, String body,
                          long sendTime, long updateTime) {
    }

    /**
     * Parses a body that passed the signature check; refuses it naming every missing or malformed field. The body must
     * be UTF-8 and one JSON object with nothing after it. Control characters in the message text (other than newline,
     * tab and carriage return) are removed.
     */
    public Delivery parse(byte[] body) {
        JsonNode root = Json.chatWebhookObject(mapper, body, "a JSON object");
        List<FieldError> errors = new ArrayList<>();
        String settingId = id(root, "webhook_setting_id", errors);
        String eventType = text(root, "webhook_event_type", errors);
        long eventTime = number(root, "webhook_event_time", errors);
        JsonNode event = root.get("webhook_event");
        if (event == null || !event.isObject()) {
            errors.add(new FieldError("webhook_event", event == null ? "is required" : "must be an object"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("not a Chatwork webhook event", errors);
        }
        if (!KNOWN_TYPES.contains(eventType)) {
            JsonNode messageId = event.get("message_id");
            String key = messageId != null && messageId.isValueNode() && messageId.asText().matches("[0-9]{1,20}")
                    ? messageId.asText() : NewInboxEvent.digest(body);
            return new Delivery(settingId, NewInboxEvent.storableType(eventType), eventTime, null, key);
        }
        boolean mention = MENTION_TO_ME.equals(eventType);
        Message message = new Message(
                id(event, "webhook_event.", "message_id", errors),
                id(event, "webhook_event.", "room_id", errors),
                id(event, "webhook_event.", mention ? "from_account_id" : "account_id", errors),
                mention ? id(event, "webhook_event.", "to_account_id", errors) : null,
                ControlCharacters.stripFromChat(text(event, "webhook_event.", "body", errors)),
                number(event, "webhook_event.", "send_time", errors),
                number(event, "webhook_event.", "update_time", errors));
        if (!errors.isEmpty()) {
            throw new InvalidInputException("not a Chatwork " + eventType + " event", errors);
        }
        return new Delivery(settingId, eventType, eventTime, message, message.messageId());
    }

    private static String id(JsonNode node, String field, List<FieldError> errors) {
        return id(node, "", field, errors);
    }

    /** A positive integer given as a JSON number or a decimal string. */
    private static String id(JsonNode node, String prefix, String field, List<FieldError> errors) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            errors.add(new FieldError(prefix + field, "is required"));
            return null;
        }
        String text = value.isIntegralNumber() ? value.bigIntegerValue().toString() : value.isTextual() ? value.textValue() : null;
        if (text == null || !text.matches("[0-9]{1,20}")) {
            errors.add(new FieldError(prefix + field, "must be a number or a string of digits"));
            return null;
        }
        return text;
    }

    private static String text(JsonNode node, String field, List<FieldError> errors) {
        return text(node, "", field, errors);
    }

    private static String text(JsonNode node, String prefix, String field, List<FieldError> errors) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            errors.add(new FieldError(prefix + field, "is required"));
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new FieldError(prefix + field, "must be a string"));
            return null;
        }
        return value.textValue();
    }

    private static long number(JsonNode node, String field, List<FieldError> errors) {
        return number(node, "", field, errors);
    }

    private static long number(JsonNode node, String prefix, String field, List<FieldError> errors) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            errors.add(new FieldError(prefix + field, "is required"));
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0
                || value.longValue() > LATEST_EPOCH_SECOND) {
            errors.add(new FieldError(prefix + field, "must be a whole number of epoch seconds, from 0 to the end of"
                    + " year 9999 (" + LATEST_EPOCH_SECOND + ")"));
            return 0;
        }
        return value.longValue();
    }

    /**
     * The stored text of a body that {@link #parse} accepted. Chatwork escapes non-ASCII and control characters, so
     * this is the body as sent; a raw control character could only be inside a string, and is removed as there.
     */
    public static String text(byte[] body) {
        return ControlCharacters.stripFromChat(Json.utf8(body));
    }
}
