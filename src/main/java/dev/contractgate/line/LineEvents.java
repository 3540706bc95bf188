package dev.contractgate.line;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contractgate.Json;
import dev.contractgate.validation.FieldError;
import dev.contractgate.validation.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parses and validates LINE webhook bodies ({@code {"destination": …, "events": […]}}) and the single events stored
 * from them; unknown fields are ignored. Every malformed field is named (400, nothing stored).
 */
final class LineEvents {
    /** LINE's user, group and room ids: a letter and 32 hexadecimal digits. */
    static final Pattern USER_ID = Pattern.compile("U[0-9a-f]{32}");
    static final Pattern GROUP_ID = Pattern.compile("C[0-9a-f]{32}");
    static final Pattern ROOM_ID = Pattern.compile("R[0-9a-f]{32}");
    /** A webhook event id is a ULID; anything longer or stranger cannot be a key we store. */
    private static final Pattern EVENT_ID = Pattern.compile("[0-9A-Za-z]{1,64}");
    private static final Pattern MESSAGE_ID = Pattern.compile("[0-9A-Za-z]{1,64}");
    private static final int MAX_EVENTS = 500;

    /** One event of a delivery and the JSON to store for it (the event, with the delivery's destination). */
    record Parsed(LineEvent event, String payload) {
    }

    private final ObjectMapper json;

    LineEvents(ObjectMapper json) {
        this.json = json;
    }

    /** Every event of a delivery, or a 400 naming every missing or malformed field. */
    List<Parsed> parse(byte[] body) {
        JsonNode root = Json.chatWebhookObject(json, body, "a JSON object with \"destination\" and \"events\"");
        List<FieldError> errors = new ArrayList<>();
        String destination = text(root, "destination", "destination", false, errors);
        if (destination != null && !USER_ID.matcher(destination).matches()) {
            errors.add(new FieldError("destination", "must be the bot's user id (U and 32 hexadecimal digits)"));
        }
        JsonNode events = root.get("events");
        List<Parsed> parsed = new ArrayList<>();
        if (events == null || !events.isArray()) {
            errors.add(new FieldError("events", events == null ? "is required" : "must be an array"));
        } else if (events.size() > MAX_EVENTS) {
            errors.add(new FieldError("events", "at most " + MAX_EVENTS + " events in one delivery"));
        } else {
            for (int i = 0; i < events.size(); i++) {
                JsonNode node = events.get(i);
                String path = "events[" + i + "]";
                if (!node.isObject()) {
                    errors.add(new FieldError(path, "must be an object"));
                    continue;
                }
                ObjectNode stored = ((ObjectNode) node.deepCopy());
                if (destination != null) {
                    stored.put("destination", destination);
                }
                LineEvent event = event(stored, path, errors);
                if (event != null) {
                    parsed.add(new Parsed(event, write(stored)));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("not a LINE webhook delivery", errors);
        }
        return parsed;
    }

    /** An event stored from a delivery. */
    LineEvent stored(String payload) {
        List<FieldError> errors = new ArrayList<>();
        LineEvent event = event(Json.chatWebhookObject(json, payload.getBytes(StandardCharsets.UTF_8), "a LINE event"),
                "event", errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException("not a stored LINE event", errors);
        }
        return event;
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private LineEvent event(JsonNode node, String path, List<FieldError> errors) {
        int before = errors.size();
        String type = text(node, path + ".type", "type", true, errors);
        String eventId = text(node, path + ".webhookEventId", "webhookEventId", true, errors);
        if (eventId != null && !EVENT_ID.matcher(eventId).matches()) {
            errors.add(new FieldError(path + ".webhookEventId", "must be a ULID (letters and digits, at most 64)"));
        }
        Instant timestamp = null;
        JsonNode time = node.get("timestamp");
        if (time == null || !time.canConvertToLong() || time.asLong() < 0) {
            errors.add(new FieldError(path + ".timestamp", time == null ? "is required" : "must be epoch milliseconds"));
        } else {
            timestamp = Instant.ofEpochMilli(time.asLong());
        }
        String mode = text(node, path + ".mode", "mode", false, errors);
        JsonNode redelivery = node.path("deliveryContext").path("isRedelivery");
        String destination = node.path("destination").isTextual() ? node.get("destination").textValue() : null;
        if (type == null || errors.size() > before) {
            return null;
        }
        if (!LineEvent.KNOWN_TYPES.contains(type)) {
            return new LineEvent(destination, type, eventId, timestamp, mode, redelivery.asBoolean(false), null, null,
                    null, null, List.of());
        }
        LineEvent.Source source = source(node.get("source"), path + ".source", errors);
        String replyToken = text(node, path + ".replyToken", "replyToken", false, errors);
        LineEvent.Message message = LineEvent.MESSAGE.equals(type)
                ? message(node.get("message"), path + ".message", errors) : null;
        String unsent = LineEvent.UNSEND.equals(type)
                ? text(node.path("unsend"), path + ".unsend.messageId", "messageId", true, errors) : null;
        List<String> members = switch (type) {
            case LineEvent.MEMBER_JOINED -> members(node.path("joined").get("members"), path + ".joined.members", errors);
            case LineEvent.MEMBER_LEFT -> members(node.path("left").get("members"), path + ".left.members", errors);
            default -> List.of();
        };
        if (errors.size() > before) {
            return null;
        }
        return new LineEvent(destination, type, eventId, timestamp, mode, redelivery.asBoolean(false), source,
                replyToken, message, unsent, members);
    }

    private static LineEvent.Source source(JsonNode node, String path, List<FieldError> errors) {
        if (node == null || !node.isObject()) {
            errors.add(new FieldError(path, node == null ? "is required" : "must be an object"));
            return null;
        }
        String type = text(node, path + ".type", "type", true, errors);
        String groupId = id(node, path, "groupId", GROUP_ID, "group".equals(type), errors);
        String roomId = id(node, path, "roomId", ROOM_ID, "room".equals(type), errors);
        String userId = id(node, path, "userId", USER_ID, LineEvent.Source.USER.equals(type), errors);
        if (type != null && !List.of("group", "room", LineEvent.Source.USER).contains(type)) {
            errors.add(new FieldError(path + ".type", "must be group, room or user"));
        }
        return new LineEvent.Source(type, groupId, roomId, userId);
    }

    private static String id(JsonNode node, String path, String field, Pattern format, boolean required,
                             List<FieldError> errors) {
        String id = text(node, path + "." + field, field, required, errors);
        if (id != null && !format.matcher(id).matches()) {
            errors.add(new FieldError(path + "." + field, "must be a LINE id (" + format.pattern().charAt(0)
                    + " and 32 hexadecimal digits)"));
            return null;
        }
        return id;
    }

    private static LineEvent.Message message(JsonNode node, String path, List<FieldError> errors) {
        if (node == null || !node.isObject()) {
            errors.add(new FieldError(path, node == null ? "is required" : "must be an object"));
            return null;
        }
        String id = text(node, path + ".id", "id", true, errors);
        if (id != null && !MESSAGE_ID.matcher(id).matches()) {
            errors.add(new FieldError(path + ".id", "must be a message id (letters and digits, at most 64)"));
        }
        String type = text(node, path + ".type", "type", true, errors);
        boolean isText = LineEvent.Message.TEXT.equals(type);
        // Kept as sent, so the mentions' positions hold; control characters are removed where the text is used.
        String text = text(node, path + ".text", "text", isText, errors);
        String quoted = text(node, path + ".quotedMessageId", "quotedMessageId", false, errors);
        List<LineEvent.Mentionee> mentionees = new ArrayList<>();
        JsonNode list = node.path("mention").get("mentionees");
        if (isText && list != null && !list.isNull()) {
            if (!list.isArray()) {
                errors.add(new FieldError(path + ".mention.mentionees", "must be an array"));
            } else {
                for (int i = 0; i < list.size(); i++) {
                    LineEvent.Mentionee mentionee = mentionee(list.get(i), path + ".mention.mentionees[" + i + "]",
                            text == null ? 0 : text.length(), errors);
                    if (mentionee != null) {
                        mentionees.add(mentionee);
                    }
                }
            }
        }
        return new LineEvent.Message(id, type, text, quoted, mentionees);
    }

    private static LineEvent.Mentionee mentionee(JsonNode node, String path, int textLength, List<FieldError> errors) {
        JsonNode index = node.get("index");
        JsonNode length = node.get("length");
        if (index == null || !index.canConvertToInt() || length == null || !length.canConvertToInt()
                || index.asInt() < 0 || length.asInt() < 1 || (long) index.asInt() + length.asInt() > textLength) {
            errors.add(new FieldError(path, "index and length must name a part of the text"));
            return null;
        }
        String userId = node.path("userId").isTextual() ? node.get("userId").textValue() : null;
        return new LineEvent.Mentionee(index.asInt(), length.asInt(), node.path("type").asText("user"),
                userId != null && USER_ID.matcher(userId).matches() ? userId : null, node.path("isSelf").asBoolean(false));
    }

    private static List<String> members(JsonNode node, String path, List<FieldError> errors) {
        if (node == null || !node.isArray()) {
            errors.add(new FieldError(path, node == null ? "is required" : "must be an array"));
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String id = id(node.get(i), path + "[" + i + "]", "userId", USER_ID, true, errors);
            if (id != null) {
                ids.add(id);
            }
        }
        return ids;
    }

    private static String text(JsonNode node, String path, String field, boolean required, List<FieldError> errors) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                errors.add(new FieldError(path, "is required"));
            }
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new FieldError(path, "must be a string"));
            return null;
        }
        if (required && value.textValue().isBlank()) {
            errors.add(new FieldError(path, "must not be empty"));
            return null;
        }
        return value.textValue();
    }
}
