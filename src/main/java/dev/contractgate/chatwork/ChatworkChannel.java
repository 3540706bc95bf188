package dev.contractgate.chatwork;

import dev.contractgate.chat.Budget;
import dev.contractgate.chat.Channel;
import dev.contractgate.chat.ChannelReadException;
import dev.contractgate.chat.ChannelState;
import dev.contractgate.chat.ChatEvent;
import dev.contractgate.chat.Member;
import dev.contractgate.chat.Reply;
import dev.contractgate.chat.RoomMessage;
import dev.contractgate.chat.SendException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Chatwork channel. At start it learns the bot's own account id, from configuration or from {@code GET /me}
 * (retried with backoff while Chatwork cannot be reached); until then the channel is not ready and no event is
 * acted on, because the bot could not tell its own messages apart.
 */
public final class ChatworkChannel implements Channel, AutoCloseable {
    public static final String NAME = "chatwork";
    private static final Logger log = LoggerFactory.getLogger(ChatworkChannel.class);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    private final ChatworkPayloads payloads;
    private final ChatworkClient client;
    private final boolean webhookConfigured;
    private final ScheduledExecutorService scheduler;
    private volatile String botAccountId;
    private volatile String botName;
    private volatile String notReadyReason;

    /**
     * @param client the API client, or null when no API token is configured
     * @param configuredBotAccountId {@code CHATWORK_BOT_ACCOUNT_ID}, or null to ask {@code GET /me}
     */
    public ChatworkChannel(ChatworkPayloads payloads, ChatworkClient client, String configuredBotAccountId) {
        this(payloads, client, configuredBotAccountId, true);
    }

    /** @param webhookConfigured false when {@code CHATWORK_WEBHOOK_TOKENS} is unset: the channel is off */
    public ChatworkChannel(ChatworkPayloads payloads, ChatworkClient client, String configuredBotAccountId,
                           boolean webhookConfigured) {
        this.payloads = payloads;
        this.client = client;
        this.webhookConfigured = webhookConfigured;
        this.botAccountId = configuredBotAccountId;
        this.notReadyReason = configuredBotAccountId != null ? null : "the bot's Chatwork account id is not known yet";
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "chatwork-identity");
            thread.setDaemon(true);
            return thread;
        });
    }

    public void start() {
        if (botAccountId != null) {
            log.info("chatwork: bot account id {} (from configuration)", botAccountId);
            if (client != null) {
                // Still ask GET /me, for the bot's display name (commands are written after it).
                scheduler.execute(() -> lookUpBotAccount(0));
            }
            return;
        }
        if (client == null) {
            notReadyReason = "the bot's Chatwork account id is unknown: set CHATWORK_BOT_ACCOUNT_ID, or CHATWORK_API_TOKEN to read it from GET /me";
            log.warn("chatwork: dry run without CHATWORK_BOT_ACCOUNT_ID: commands addressed to the bot are not recognised");
            return;
        }
        scheduler.execute(() -> lookUpBotAccount(0));
    }

    private void lookUpBotAccount(int attempt) {
        try {
            ChatworkClient.Me me = client.me();
            botName = me.name();
            if (botAccountId == null) {
                botAccountId = me.accountId();
                log.info("chatwork: bot account id {} ({}) from GET /me", me.accountId(), me.name());
            } else if (!botAccountId.equals(me.accountId())) {
                log.warn("chatwork: CHATWORK_BOT_ACCOUNT_ID is {} but the API token belongs to account {} ({}): "
                        + "keeping {}", botAccountId, me.accountId(), me.name(), botAccountId);
            }
            notReadyReason = null;
        } catch (ChatworkException e) {
            if (e.status() == 401 || e.status() == 403) {
                notReadyReason = "Chatwork refused CHATWORK_API_TOKEN (" + e.status() + "): set a valid token and restart";
                log.error("chatwork: {}", notReadyReason);
                return;
            }
            long base = Math.min(MAX_BACKOFF.toMillis(), 1000L << Math.min(attempt, 16));
            long delay = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
            notReadyReason = "waiting for Chatwork GET /me (attempt " + (attempt + 1) + "): " + e.getMessage();
            log.warn("chatwork: {}; next try in {} ms", notReadyReason, delay);
            scheduler.schedule(() -> lookUpBotAccount(attempt + 1), delay, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            notReadyReason = "GET /me failed: " + e.getMessage();
            log.error("chatwork: {}", notReadyReason, e);
            scheduler.schedule(() -> lookUpBotAccount(attempt + 1), MAX_BACKOFF.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> botAccountId() {
        return Optional.ofNullable(botAccountId);
    }

    @Override
    public ChannelState state() {
        Map<String, Object> details = new LinkedHashMap<>();
        if (!webhookConfigured) {
            details.put("reason", "CHATWORK_WEBHOOK_TOKENS is not set: POST /webhooks/chatwork answers 503");
            return new ChannelState(NAME, ChannelState.Mode.OFF, null, details);
        }
        details.put("bot_account_id", botAccountId);
        details.put("dry_run", client == null);
        if (client == null) {
            List<String> cannot = new ArrayList<>();
            cannot.add("post replies: CHATWORK_API_TOKEN is not set, so they are recorded as held");
            cannot.add("read a room's members or catch up on missed messages: a room is the roster of who has spoken");
            if (botAccountId == null) {
                cannot.add("recognise commands addressed to the bot: CHATWORK_BOT_ACCOUNT_ID is not set");
            }
            details.put("cannot", cannot);
            return new ChannelState(NAME, ChannelState.Mode.DRY, null, details);
        }
        budget().ifPresent(budget -> details.put("budget", budget));
        return botAccountId == null
                ? new ChannelState(NAME, ChannelState.Mode.FAILING, notReadyReason, details)
                : new ChannelState(NAME, ChannelState.Mode.WORKING, null, details);
    }

    @Override
    public Optional<ChatEvent> decode(String eventType, String payload) {
        ChatworkPayloads.Delivery delivery = payloads.parse(payload.getBytes(StandardCharsets.UTF_8));
        if (!delivery.known()) {
            return Optional.empty();
        }
        ChatworkPayloads.Message message = delivery.message();
        ChatEvent.Type type = switch (delivery.eventType()) {
            case ChatworkPayloads.MESSAGE_UPDATED -> ChatEvent.Type.MESSAGE_UPDATED;
            case ChatworkPayloads.MENTION_TO_ME -> ChatEvent.Type.MENTION;
            default -> ChatEvent.Type.MESSAGE_CREATED;
        };
        return Optional.of(new ChatEvent(NAME, type, message.roomId(), message.messageId(), message.accountId(),
                message.body(), Instant.ofEpochSecond(message.sendTime()),
                message.updateTime() > 0 ? Instant.ofEpochSecond(message.updateTime()) : null,
                message.toAccountId()));
    }

    @Override
    public Optional<String> commandText(ChatEvent event) {
        if (botAccountId == null) {
            return Optional.empty();
        }
        return ChatworkNotation.addressedTo(event.body(), botAccountId, botName);
    }

    @Override
    public BitSet notOwnWords(String body) {
        return ChatworkNotation.notOwnWords(body);
    }

    @Override
    public boolean canSend() {
        return client != null;
    }

    @Override
    public Optional<List<Member>> members(String roomId) {
        if (client == null) {
            return Optional.empty();
        }
        List<ChatworkClient.Member> members;
        try {
            members = client.roomMembers(roomId);
        } catch (ChatworkException e) {
            throw toReadException(e);
        }
        if (members.isEmpty()) {
            // The bot itself is a member of any room it can read: an empty list is no answer.
            throw new ChannelReadException(ChannelReadException.Kind.UNAVAILABLE, null,
                    "GET /rooms/" + roomId + "/members answered an empty list", null);
        }
        return Optional.of(members.stream().map(member -> new Member(member.accountId(), member.name())).toList());
    }

    /** 403 and 404: the bot is not (or no longer) in the room; anything else may pass. */
    static ChannelReadException toReadException(ChatworkException e) {
        if (e.status() == 403 || e.status() == 404) {
            return new ChannelReadException(ChannelReadException.Kind.GONE, null, e.getMessage(), e);
        }
        Instant notBefore = e.isRateLimited() && e.rateLimit() != null ? e.rateLimit().reset() : null;
        return new ChannelReadException(ChannelReadException.Kind.UNAVAILABLE, notBefore, e.getMessage(), e);
    }

    @Override
    public Optional<List<RoomMessage>> recentMessages(String roomId) {
        if (client == null) {
            return Optional.empty();
        }
        return Optional.of(client.latestMessages(roomId).stream()
                .map(message -> new RoomMessage(message.messageId(), message.accountId(), message.body()))
                .toList());
    }

    @Override
    public String render(Reply reply) {
        return ChatworkNotation.render(reply);
    }

    @Override
    public String post(String roomId, String body) {
        if (client == null) {
            throw new SendException(SendException.Kind.PERMANENT, null, "no CHATWORK_API_TOKEN: cannot post", null);
        }
        try {
            return client.postMessage(roomId, body);
        } catch (ChatworkException e) {
            throw toSendException(e);
        }
    }

    static SendException toSendException(ChatworkException e) {
        Instant reset = e.rateLimit() == null ? null : e.rateLimit().reset();
        if (e.isRoomRateLimited()) {
            return new SendException(SendException.Kind.ROOM_RATE_LIMITED, null, e.getMessage(), e);
        }
        if (e.isRateLimited()) {
            return new SendException(SendException.Kind.ACCOUNT_RATE_LIMITED, reset, e.getMessage(), e);
        }
        if (e.isTransient()) {
            return new SendException(SendException.Kind.TRANSIENT, null, e.getMessage(), e);
        }
        return new SendException(SendException.Kind.PERMANENT, null, e.getMessage(), e);
    }

    @Override
    public Optional<Budget> budget() {
        RateLimit rateLimit = client == null ? null : client.lastRateLimit();
        return rateLimit == null ? Optional.empty()
                : Optional.of(new Budget(rateLimit.limit(), rateLimit.remaining(), rateLimit.reset()));
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
