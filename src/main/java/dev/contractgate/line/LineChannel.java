package dev.contractgate.line;

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
import dev.contractgate.validation.ControlCharacters;
import java.time.Duration;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * The LINE Messaging API: a LINE Official Account in groups (a 1:1 chat between two people cannot hold a bot, so the
 * freelancer makes a group with the client and the bot), legacy multi-person rooms, and the 1:1 chat a person has
 * with the account. A person is their LINE {@code userId}; a room is the {@code groupId}, the {@code roomId}, or for a
 * 1:1 chat the person's {@code userId}. Without {@code LINE_CHANNEL_SECRET} the channel is off; without
 * {@code LINE_CHANNEL_ACCESS_TOKEN} it is a dry run.
 */
public final class LineChannel implements Channel {
    public static final String NAME = "line";
    /**
     * Who wrote a message whose sender did not consent to share their profile (LINE leaves out the {@code userId}).
     * No registry entry can have this id (it is not a LINE id), so such a sender is never covered.
     */
    public static final String UNIDENTIFIED = "unidentified";

    /** Accounts are LINE user ids; rooms are group, room or (1:1) user ids. */
    public static final IdFormat IDS = IdFormat.matching(NAME, LineEvents.USER_ID,
            "must be the person's LINE userId: U and 32 hexadecimal digits (the display name or LINE ID is not it)",
            Pattern.compile("[CRU][0-9a-f]{32}"),
            "must be a LINE groupId (C and 32 hexadecimal digits), a legacy roomId (R…) or, for a 1:1 chat, a userId (U…)");

    private final boolean on;
    private final Outbound outbound;
    private final ObjectMapper json;
    private final LineEvents events;
    private final Duration replyTokenTtl;
    private final AtomicReference<String> botUserId = new AtomicReference<>();
    private final AtomicReference<String> refused = new AtomicReference<>();
    private final java.util.function.Supplier<Map<String, Object>> details;
    private final java.util.function.Predicate<String> sentByBot;
    private final Set<String> unidentifiedIn;

    /**
     * @param on false when the channel is off (no channel secret)
     * @param outbound the Messaging API, or a {@link DryRun}
     * @param details what {@code /ready} says besides the mode (the quota)
     * @param sentByBot whether a message id is one of the bot's own messages
     * @param unidentifiedIn the rooms where someone without a {@code userId} spoke (filled here, read by the outbound)
     */
    LineChannel(boolean on, Outbound outbound, ObjectMapper json, Duration replyTokenTtl,
                java.util.function.Supplier<Map<String, Object>> details, java.util.function.Predicate<String> sentByBot,
                Set<String> unidentifiedIn) {
        this.on = on;
        this.outbound = outbound;
        this.json = json;
        this.events = new LineEvents(json);
        this.replyTokenTtl = replyTokenTtl;
        this.details = details;
        this.sentByBot = sentByBot;
        this.unidentifiedIn = unidentifiedIn;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> lexiconNames() {
        return Set.of("line");
    }

    @Override
    public ChannelState state() {
        Map<String, Object> state = new LinkedHashMap<>();
        if (!on) {
            state.put("reason", "LINE_CHANNEL_SECRET is not set: POST /webhooks/line answers 503");
            return new ChannelState(NAME, ChannelState.Mode.OFF, null, state);
        }
        botAccountId().ifPresent(id -> state.put("bot_user_id", id));
        if (outbound instanceof DryRun dry) {
            state.putAll(dry.details(List.of("push or reply: nothing reaches LINE")));
            return new ChannelState(NAME, ChannelState.Mode.DRY, null, state);
        }
        state.put("dry_run", false);
        state.putAll(details.get());
        return refused.get() != null ? new ChannelState(NAME, ChannelState.Mode.FAILING, refused.get(), state)
                : new ChannelState(NAME, ChannelState.Mode.WORKING, null, state);
    }

    /** The bot's user id: from {@code GET /v2/bot/info}, or the {@code destination} of the deliveries. */
    @Override
    public Optional<String> botAccountId() {
        return Optional.ofNullable(botUserId.get());
    }

    /** LINE refused the access token: nothing can be sent until it is replaced (and the service restarted). */
    void tokenRefused(String problem) {
        refused.set(problem);
    }

    void learnBotUserId(String userId) {
        if (userId != null) {
            botUserId.compareAndSet(null, userId);
        }
    }

    /** LINE never delivers the bot's own messages, so its events can be acted on before its id is known. */
    @Override
    public boolean canAct() {
        return true;
    }

    @Override
    public IdFormat ids() {
        return IDS;
    }

    @Override
    public Optional<ChatEvent> decode(String eventType, String payload) {
        LineEvent event = events.stored(payload);
        if (!event.known()) {
            return Optional.empty();
        }
        learnBotUserId(event.destination());
        ChatEvent.Type type = switch (event.type()) {
            case LineEvent.MESSAGE -> ChatEvent.Type.MESSAGE_CREATED;
            case LineEvent.UNSEND -> ChatEvent.Type.MESSAGE_RETRACTED;
            case LineEvent.JOIN -> ChatEvent.Type.BOT_JOINED;
            case LineEvent.LEAVE -> ChatEvent.Type.BOT_LEFT;
            case LineEvent.MEMBER_JOINED -> ChatEvent.Type.MEMBERS_JOINED;
            case LineEvent.MEMBER_LEFT -> ChatEvent.Type.MEMBERS_LEFT;
            default -> null;
        };
        if (type == null) {
            return Optional.empty();
        }
        LineEvent.Source source = event.source();
        boolean message = type == ChatEvent.Type.MESSAGE_CREATED;
        // LINE names nobody for a change to the room (the bot joined or left, members came and went).
        String sender = message || type == ChatEvent.Type.MESSAGE_RETRACTED
                ? (source.userId() != null ? source.userId() : UNIDENTIFIED) : "";
        if (UNIDENTIFIED.equals(sender) && !source.direct()) {
            unidentifiedIn.add(source.room()); // a member the id list cannot show: the room's members must count them
        }
        String messageId = message ? event.message().id()
                : type == ChatEvent.Type.MESSAGE_RETRACTED ? event.unsentMessageId() : event.webhookEventId();
        String body = message ? ControlCharacters.stripFromChat(event.message().text()) : "";
        String command = message ? command(event, source).orElse(null) : null;
        ReplyHandle handle = event.replyToken() == null ? null
                : new ReplyHandle(event.replyToken(), event.timestamp().plus(replyTokenTtl));
        List<Member> members = event.members().stream().map(id -> new Member(id, null)).toList();
        // A 1:1 chat is only open to the account's friends: the person can be reached there privately.
        String route = message && source.direct() && source.userId() != null ? source.userId() : null;
        return Optional.of(new ChatEvent(NAME, type, source.room(), messageId, sender, body, event.timestamp(), null,
                command != null ? botAccountId().orElse(null) : null, null, members, source.direct(), null, handle,
                route, command));
    }

    /**
     * In a 1:1 chat everything is addressed to the bot; in a group a message that mentions it, or that quotes one of
     * its messages (as a reply to the bot's message on Chatwork). Only the quoted message's id comes with a message,
     * never its text, so nothing quoted is read as the sender's words.
     */
    private Optional<String> command(LineEvent event, LineEvent.Source source) {
        Optional<String> mentioned = LineNotation.addressedTo(event.message());
        if (mentioned.isPresent()) {
            return mentioned;
        }
        String quoted = event.message().quotedMessageId();
        if (source.direct() || quoted != null && sentByBot.test(quoted)) {
            return Optional.of(ControlCharacters.stripFromChat(event.message().text()).strip());
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> commandText(ChatEvent event) {
        return Optional.ofNullable(event.command());
    }

    @Override
    public BitSet notOwnWords(String body) {
        return LineNotation.notOwnWords(body);
    }

    @Override
    public Rendered render(Reply reply) {
        return LineNotation.render(reply, json);
    }

    @Override
    public Outbound outbound() {
        return outbound;
    }

    /** The person's 1:1 chat with the account: its room id is their user id. */
    @Override
    public Optional<String> privateRoom(String route) {
        return Optional.ofNullable(route).filter(id -> LineEvents.USER_ID.matcher(id).matches());
    }
}
