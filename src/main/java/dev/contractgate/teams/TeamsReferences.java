package dev.contractgate.teams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the Teams channel keeps from inbound activities, written as JSON (the service keeps it opaque): where to post
 * in a room, how to answer one activity in its thread, and how to reach a person privately.
 */
final class TeamsReferences {
    /**
     * A room's conversation reference.
     *
     * @param serviceUrl the one the activity named, and its token vouched for
     * @param conversationId the room's conversation (a channel, not one of its threads)
     * @param botId the bot's id in the conversation ({@code 28:<appId>})
     */
    record Conversation(String serviceUrl, String conversationId, String conversationType, String tenantId,
                        String botId, String botName) {
    }

    /** The thread of one activity: {@code conversationId} may carry {@code ;messageid=…}. */
    record Thread(String conversationId, String activityId) {
    }

    /**
     * How to reach a person privately: the per-bot {@code 29:} id (needed to open a 1:1 conversation), and the 1:1
     * conversation once the person has written to the bot there.
     */
    record Route(String userId, String aadObjectId, String serviceUrl, String tenantId, String personalConversationId) {
    }

    private final ObjectMapper json;

    TeamsReferences(ObjectMapper json) {
        this.json = json;
    }

    String write(Object reference) {
        try {
            return json.writeValueAsString(reference);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a Teams " + type.getSimpleName().toLowerCase(java.util.Locale.ROOT)
                    + " reference: " + e.getOriginalMessage(), e);
        }
    }
}
