package dev.contractgate.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contractgate.Json;
import dev.contractgate.validation.ControlCharacters;
import dev.contractgate.validation.FieldError;
import dev.contractgate.validation.InvalidInputException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses and validates Bot Framework activities; ignores unknown fields. What people wrote (the text, names, mention
 * texts) loses its control characters other than newline, tab and carriage return, as all chat text does.
 */
final class TeamsActivities {
    private final ObjectMapper json;

    TeamsActivities(ObjectMapper json) {
        this.json = json;
    }

    /**
     * A body as JSON, or a 400 naming what is wrong: it must be UTF-8 and one JSON object with nothing after it, no
     * field twice.
     */
    JsonNode tree(byte[] body) {
        return Json.chatWebhookObject(json, body, "a JSON object (an activity)");
    }

    /** The activity in a body, or a 400 naming every missing or malformed field. */
    Activity parse(JsonNode root) {
        List<FieldError> errors = new ArrayList<>();
        String type = text(root, "type", true, errors);
        boolean known = type != null && Activity.KNOWN_TYPES.contains(type);
        String id = text(root, "id", known, errors);
        Instant timestamp = time(root, "timestamp", errors);
        String serviceUrl = text(root, "serviceUrl", true, errors);
        String channelId = text(root, "channelId", true, errors);
        boolean said = Activity.MESSAGE.equals(type) || Activity.MESSAGE_UPDATE.equals(type);
        Activity.Account from = account(root.get("from"), "from", said, errors);
        Activity.Account recipient = account(root.get("recipient"), "recipient", known, errors);
        JsonNode conversation = root.path("conversation");
        String conversationId = text(conversation, "conversation.id", "id", known, errors);
        String conversationType = text(conversation, "conversation.conversationType", "conversationType", false, errors);
        String tenantId = text(conversation, "conversation.tenantId", "tenantId", false, errors);
        if (tenantId == null) {
            tenantId = text(root.path("channelData").path("tenant"), "channelData.tenant.id", "id", false, errors);
        }
        String text = ControlCharacters.stripFromChat(text(root, "text", false, errors));
        List<Activity.Mention> mentions = new ArrayList<>();
        root.path("entities").forEach(entity -> {
            if ("mention".equals(entity.path("type").asText()) && entity.path("mentioned").isObject()) {
                mentions.add(new Activity.Mention(entity.path("mentioned").path("id").asText(null),
                        ControlCharacters.stripFromChat(entity.path("mentioned").path("name").asText(null)),
                        ControlCharacters.stripFromChat(entity.path("text").asText(null))));
            }
        });
        List<Activity.Account> added = accounts(root.get("membersAdded"), "membersAdded", errors);
        List<Activity.Account> removed = accounts(root.get("membersRemoved"), "membersRemoved", errors);
        String replyToId = text(root, "replyToId", false, errors);
        String action = text(root, "action", false, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException("not a Bot Framework activity", errors);
        }
        return new Activity(type, id, timestamp, serviceUrl, channelId, from, recipient, conversationId, conversationType,
                tenantId, text, mentions, added, removed, replyToId, action);
    }

    private static String text(JsonNode node, String field, boolean required, List<FieldError> errors) {
        return text(node, field, field, required, errors);
    }

    private static String text(JsonNode node, String path, String field, boolean required, List<FieldError> errors) {
        JsonNode value = node.get(field);
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

    private static Instant time(JsonNode node, String field, List<FieldError> errors) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(value.asText()).toInstant();
            } catch (DateTimeParseException again) {
                errors.add(new FieldError(field, "must be an ISO 8601 time"));
                return null;
            }
        }
    }

    private static Activity.Account account(JsonNode node, String path, boolean required, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            if (required) {
                errors.add(new FieldError(path, "is required"));
            }
            return null;
        }
        if (!node.isObject()) {
            errors.add(new FieldError(path, "must be an object"));
            return null;
        }
        String id = text(node, path + ".id", "id", required, errors);
        return new Activity.Account(id, ControlCharacters.stripFromChat(node.path("name").asText(null)),
                node.path("aadObjectId").asText(null));
    }

    private static List<Activity.Account> accounts(JsonNode node, String path, List<FieldError> errors) {
        List<Activity.Account> accounts = new ArrayList<>();
        if (node == null || node.isNull()) {
            return accounts;
        }
        if (!node.isArray()) {
            errors.add(new FieldError(path, "must be an array"));
            return accounts;
        }
        for (int i = 0; i < node.size(); i++) {
            Activity.Account account = account(node.get(i), path + "[" + i + "]", true, errors);
            if (account != null) {
                accounts.add(account);
            }
        }
        return accounts;
    }
}
