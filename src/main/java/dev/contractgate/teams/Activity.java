package dev.contractgate.teams;

import java.time.Instant;
import java.util.List;

/**
 * The parts of a Bot Framework activity the bot uses (channels.md, "Microsoft Teams"); unknown fields are ignored.
 *
 * @param conversationId as sent: a channel thread's id carries {@code ;messageid=…}
 * @param tenantId {@code conversation.tenantId}, else {@code channelData.tenant.id}
 * @param action {@code installationUpdate}: {@code add} or {@code remove}
 */
record Activity(String type, String id, Instant timestamp, String serviceUrl, String channelId, Account from,
                Account recipient, String conversationId, String conversationType, String tenantId, String text,
                List<Mention> mentions, List<Account> membersAdded, List<Account> membersRemoved, String replyToId,
                String action) {

    static final String MESSAGE = "message";
    static final String MESSAGE_UPDATE = "messageUpdate";
    static final String MESSAGE_DELETE = "messageDelete";
    static final String CONVERSATION_UPDATE = "conversationUpdate";
    static final String INSTALLATION_UPDATE = "installationUpdate";
    /** The activity types the bot acts on; any other is recorded as ignored. */
    static final List<String> KNOWN_TYPES = List.of(MESSAGE, MESSAGE_UPDATE, MESSAGE_DELETE, CONVERSATION_UPDATE,
            INSTALLATION_UPDATE);
    static final String PERSONAL = "personal";

    /** A user or bot: {@code id} is per bot ({@code 29:…}, {@code 28:<appId>}), {@code aadObjectId} is the person. */
    record Account(String id, String name, String aadObjectId) {
        /** The stable identity: the Entra object id in lower case, or the channel id when there is none. */
        String person() {
            return aadObjectId != null && !aadObjectId.isBlank() ? aadObjectId.toLowerCase(java.util.Locale.ROOT) : id;
        }
    }

    /** A mention entity: {@code text} is how it appears in the message, e.g. {@code <at>Name</at>}. */
    record Mention(String id, String name, String text) {
    }

    Activity {
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
        membersAdded = membersAdded == null ? List.of() : List.copyOf(membersAdded);
        membersRemoved = membersRemoved == null ? List.of() : List.copyOf(membersRemoved);
    }

    /** The room: the conversation without a channel thread's {@code ;messageid=…}. */
    String roomId() {
        return TeamsChannel.roomOf(conversationId);
    }

    boolean personal() {
        return PERSONAL.equals(conversationType);
    }
}
