package dev.contractgate.teams;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contractgate.chat.Channel;
import dev.contractgate.chat.ChannelState;
import dev.contractgate.chat.ChatEvent;
import dev.contractgate.chat.DryRun;
import dev.contractgate.chat.IdFormat;
import dev.contractgate.chat.Member;
import dev.contractgate.chat.Outbound;
import dev.contractgate.chat.Rendered;
import dev.contractgate.chat.Reply;
import dev.contractgate.chat.ReplyHandle;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Microsoft Teams through the Bot Framework protocol. A person is their Entra object id ({@code aadObjectId}; the
 * {@code 29:} ids differ per bot); a room is a conversation: a personal chat with the bot, a group chat, or a team's
 * channel (one room for all its threads). Without {@code MSTEAMS_APP_ID} the channel is off; without
 * {@code MSTEAMS_APP_PASSWORD} it is a dry run.
 */
public final class TeamsChannel implements Channel {
    public static final String NAME = "msteams";
    /** Where a channel thread's id begins within a conversation id. */
    private static final String THREAD = ";messageid=";

    /** Accounts are Entra object ids (GUIDs, lower case); rooms are conversation ids without a thread. */
    public static final IdFormat IDS = IdFormat.matching(NAME,
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
            "must be the person's Entra object id (aadObjectId): a lower-case GUID such as "
                    + "00000000-0000-0000-0000-000000000000, not the per-bot 29: id",
            Pattern.compile("(?i)(?!.*;messageid=)[\\x21-\\x7e]+"),
            "must be a Teams conversation id (19:…@thread.v2, a:…) without a thread's ;messageid=");

    private final String appId;
    private final Outbound outbound;
    private final ObjectMapper json;
    private final TeamsActivities activities;
    private final TeamsReferences references;

    /**
     * @param appId the bot's App ID, or null when Teams is off
     * @param outbound the Connector, or a {@link DryRun}
     */
    TeamsChannel(String appId, Outbound outbound, ObjectMapper json) {
        this.appId = appId;
        this.outbound = outbound;
        this.json = json;
        this.activities = new TeamsActivities(json);
        this.references = new TeamsReferences(json);
    }

    /** The room of a conversation: a channel thread ({@code 19:…;messageid=…}) belongs to its channel. */
    public static String roomOf(String conversationId) {
        int thread = conversationId.toLowerCase(java.util.Locale.ROOT).indexOf(THREAD);
        return thread < 0 ? conversationId : conversationId.substring(0, thread);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> lexiconNames() {
        return Set.of("teams");
    }

    /** Off without {@code MSTEAMS_APP_ID}; a dry run without {@code MSTEAMS_APP_PASSWORD}; otherwise working. */
    @Override
    public ChannelState state() {
        Map<String, Object> details = new LinkedHashMap<>();
        if (appId == null) {
            details.put("reason", "MSTEAMS_APP_ID is not set: POST /webhooks/msteams answers 503");
            return new ChannelState(NAME, ChannelState.Mode.OFF, null, details);
        }
        details.put("app_id", appId);
        if (outbound instanceof DryRun dry) {
            details.putAll(dry.details(List.of()));
            return new ChannelState(NAME, ChannelState.Mode.DRY, null, details);
        }
        details.put("dry_run", false);
        return new ChannelState(NAME, ChannelState.Mode.WORKING, null, details);
    }

    /** The bot's id in every Teams conversation: {@code 28:<appId>}. */
    @Override
    public Optional<String> botAccountId() {
        return Optional.ofNullable(appId).map(id -> "28:" + id);
    }

    @Override
    public IdFormat ids() {
        return IDS;
    }

    @Override
    public Optional<ChatEvent> decode(String eventType, String payload) {
        Activity activity = activities.parse(activities.tree(payload.getBytes(StandardCharsets.UTF_8)));
        ChatEvent.Type type = type(activity);
        if (type == null) {
            return Optional.empty();
        }
        Activity.Account from = activity.from() != null ? activity.from() : new Activity.Account("", null, null);
        // Teams stamps every activity; one without a stamp counts as new (it may replace the stored reference).
        Instant at = activity.timestamp() != null ? activity.timestamp() : Instant.now();
        boolean message = type.isMessage();
        List<Member> members = switch (type) {
            case MEMBERS_JOINED -> members(activity.membersAdded(), activity);
            case MEMBERS_LEFT -> members(activity.membersRemoved(), activity);
            default -> List.of();
        };
        String command = message ? TeamsNotation.addressedTo(activity).orElse(null) : null;
        return Optional.of(new ChatEvent(NAME, type, activity.roomId(), activity.id(), from.person(),
                activity.text() == null ? "" : activity.text(), at,
                type == ChatEvent.Type.MESSAGE_UPDATED ? at : null,
                command != null ? botAccountId().orElse(null) : null, from.name(), members, activity.personal(),
                references.write(conversation(activity)),
                message ? new ReplyHandle(references.write(new TeamsReferences.Thread(activity.conversationId(),
                        activity.id())), null) : null,
                from.aadObjectId() == null || !activity.personal() ? null : references.write(route(activity, from)), command));
    }

    /** What an activity is to the bot, or null when it is nothing to act on. */
    private static ChatEvent.Type type(Activity activity) {
        String bot = activity.recipient() == null ? null : activity.recipient().id();
        switch (activity.type()) {
            case Activity.MESSAGE:
                return ChatEvent.Type.MESSAGE_CREATED;
            case Activity.MESSAGE_UPDATE:
                return ChatEvent.Type.MESSAGE_UPDATED;
            case Activity.MESSAGE_DELETE:
                return ChatEvent.Type.MESSAGE_RETRACTED;
            case Activity.INSTALLATION_UPDATE:
                return "remove".equals(activity.action()) ? ChatEvent.Type.BOT_LEFT
                        : "add".equals(activity.action()) ? ChatEvent.Type.BOT_JOINED : null;
            case Activity.CONVERSATION_UPDATE:
                if (activity.membersAdded().stream().anyMatch(member -> member.id().equals(bot))) {
                    return ChatEvent.Type.BOT_JOINED;
                }
                if (activity.membersRemoved().stream().anyMatch(member -> member.id().equals(bot))) {
                    return ChatEvent.Type.BOT_LEFT;
                }
                return !activity.membersAdded().isEmpty() ? ChatEvent.Type.MEMBERS_JOINED
                        : !activity.membersRemoved().isEmpty() ? ChatEvent.Type.MEMBERS_LEFT : null;
            default:
                return null;
        }
    }

    private static List<Member> members(List<Activity.Account> accounts, Activity activity) {
        String bot = activity.recipient() == null ? null : activity.recipient().id();
        return accounts.stream()
                .filter(account -> !account.id().equals(bot))
                .map(account -> new Member(account.person(), account.name()))
                .toList();
    }

    private static TeamsReferences.Conversation conversation(Activity activity) {
        Activity.Account bot = activity.recipient();
        return new TeamsReferences.Conversation(activity.serviceUrl(), activity.roomId(), activity.conversationType(),
                activity.tenantId(), bot == null ? null : bot.id(), bot == null ? null : bot.name());
    }

    /**
     * A person's route, from their personal chat with the bot: only there is it a way to reach them privately (an
     * event in a group chat would otherwise replace it with one that has no personal conversation).
     */
    private static TeamsReferences.Route route(Activity activity, Activity.Account from) {
        return new TeamsReferences.Route(from.id(), from.person(), activity.serviceUrl(), activity.tenantId(),
                activity.personal() ? activity.conversationId() : null);
    }

    @Override
    public Optional<String> commandText(ChatEvent event) {
        return Optional.ofNullable(event.command());
    }

    @Override
    public BitSet notOwnWords(String body) {
        return TeamsNotation.notOwnWords(body);
    }

    @Override
    public Rendered render(Reply reply) {
        return TeamsNotation.render(reply, json);
    }

    @Override
    public Outbound outbound() {
        return outbound;
    }

    /** The personal chat the person has with the bot, once they wrote there. */
    @Override
    public Optional<String> privateRoom(String route) {
        return Optional.ofNullable(references.read(route, TeamsReferences.Route.class).personalConversationId());
    }
}
