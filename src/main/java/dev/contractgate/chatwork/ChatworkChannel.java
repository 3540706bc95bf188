package dev.contractgate.chatwork;

import dev.contractgate.chat.Channel;
import dev.contractgate.chat.ChannelState;
import dev.contractgate.chat.ChatEvent;
import dev.contractgate.chat.DryRun;
import dev.contractgate.chat.IdFormat;
import dev.contractgate.chat.Outbound;
import dev.contractgate.chat.Pacing;
import dev.contractgate.chat.Rendered;
import dev.contractgate.chat.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Chatwork channel. With an API token it learns the bot's own account id, from configuration or from
 * {@code GET /me} (retried with backoff while Chatwork cannot be reached); until then the channel is not ready and
 * no event is acted on, because the bot could not tell its own messages apart. Without a token it is a dry run
 * ({@link DryRun}): events are acted on even without {@code CHATWORK_BOT_ACCOUNT_ID}, but commands are only recognised
 * with it.
 */
public final class ChatworkChannel implements Channel, AutoCloseable {
    public static final String NAME = "chatwork";
    private static final Logger log = LoggerFactory.getLogger(ChatworkChannel.class);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
    /** Chatwork account and room ids are positive integers, written as decimal strings. */
    public static final IdFormat IDS = IdFormat.matching(NAME,
            Pattern.compile("[0-9]{1,20}"), "must be a Chatwork account id: a string of 1 to 20 digits",
            Pattern.compile("[0-9]{1,20}"), "must be a Chatwork room id: a string of 1 to 20 digits");

    private final ChatworkPayloads payloads;
    private final boolean inbound;
    private final Outbound outbound;
    private final ChatworkClient identity;
    private final ScheduledExecutorService scheduler;
    private volatile String botAccountId;
    private volatile String botName;
    private volatile String notReadyReason;
    private volatile Supplier<Map<String, Object>> catchUp = () -> Map.of("catch_up", Map.of("state", "off"));

    private ChatworkChannel(ChatworkPayloads payloads, boolean inbound, ChatworkClient identity,
                            java.util.function.Function<ChatworkChannel, Outbound> outbound, String configuredBotAccountId) {
        this.payloads = payloads;
        this.inbound = inbound;
        this.identity = identity;
        this.outbound = outbound.apply(this);
        this.botAccountId = configuredBotAccountId;
        this.notReadyReason = configuredBotAccountId != null ? null : "the bot's Chatwork account id is not known yet";
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "chatwork-identity");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * The channel with the bot's API token.
     *
     * @param inbound whether webhook tokens are configured (otherwise the channel is off)
     * @param configuredBotAccountId {@code CHATWORK_BOT_ACCOUNT_ID}, or null to ask {@code GET /me}
     */
    public static ChatworkChannel live(ChatworkPayloads payloads, boolean inbound, ChatworkClient client, Pacing pacing,
                                       String configuredBotAccountId) {
        return new ChatworkChannel(payloads, inbound, client,
                channel -> new ChatworkOutbound(client, pacing, channel::botAccountId), configuredBotAccountId);
    }

    /** The dry run: without an API token nothing is read or posted; commands need the configured bot account id. */
    public static ChatworkChannel dry(ChatworkPayloads payloads, boolean inbound, String reason, String configuredBotAccountId) {
        return new ChatworkChannel(payloads, inbound, null, channel -> new DryRun(reason), configuredBotAccountId);
    }

    public void start() {
        if (botAccountId != null) {
            log.info("chatwork: bot account id {} (from configuration)", botAccountId);
            if (identity != null) {
                // Still ask GET /me, for the bot's display name (commands are written after it).
                scheduler.execute(() -> lookUpBotAccount(0));
            }
            return;
        }
        if (identity == null) {
            notReadyReason = "the bot's Chatwork account id is unknown: set CHATWORK_BOT_ACCOUNT_ID, or CHATWORK_API_TOKEN to read it from GET /me";
            log.warn("chatwork: dry run without CHATWORK_BOT_ACCOUNT_ID: commands addressed to the bot are not recognised");
            return;
        }
        scheduler.execute(() -> lookUpBotAccount(0));
    }

    private void lookUpBotAccount(int attempt) {
        try {
            ChatworkClient.Me me = identity.me();
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
    public Set<String> lexiconNames() {
        return Set.of("chatwork");
    }

    @Override
    public Optional<String> botAccountId() {
        return Optional.ofNullable(botAccountId);
    }

    /**
     * Off without webhook tokens; a dry run without an API token (it needs no bot account id then: it never posts, so
     * none of its messages come back); otherwise working once the bot's account is known, failing until then.
     */
    @Override
    public ChannelState state() {
        Map<String, Object> details = new LinkedHashMap<>();
        if (!inbound) {
            details.put("reason", "CHATWORK_WEBHOOK_TOKENS is not set: POST /webhooks/chatwork answers 503");
            return new ChannelState(NAME, ChannelState.Mode.OFF, null, details);
        }
        details.put("bot_account_id", botAccountId);
        if (outbound instanceof DryRun dry) {
            List<String> cannot = new ArrayList<>();
            cannot.add("catch up on missed messages: it reads nothing from Chatwork");
            if (botAccountId == null) {
                cannot.add("recognise commands addressed to the bot: CHATWORK_BOT_ACCOUNT_ID is not set");
            }
            details.putAll(dry.details(cannot));
            details.putAll(catchUp.get());
            return new ChannelState(NAME, ChannelState.Mode.DRY, null, details);
        }
        details.put("dry_run", false);
        outbound.budget().ifPresent(budget -> details.put("budget", budget));
        details.putAll(catchUp.get());
        return botAccountId == null
                ? new ChannelState(NAME, ChannelState.Mode.FAILING, notReadyReason, details)
                : new ChannelState(NAME, ChannelState.Mode.WORKING, null, details);
    }

    /** Where {@link #state()} finds catch-up's standing ({@code catch_up}); without it catch-up is off. */
    void reportCatchUp(Supplier<Map<String, Object>> status) {
        this.catchUp = status;
    }

    @Override
    public IdFormat ids() {
        return IDS;
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
    public Rendered render(Reply reply) {
        return Rendered.text(ChatworkNotation.render(reply));
    }

    @Override
    public Outbound outbound() {
        return outbound;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    /** A person's private route on Chatwork is their direct chat with the bot: its room id. */
    @Override
    public Optional<String> directRoute(String roomId) {
        return Optional.of(roomId);
    }

    @Override
    public Optional<String> privateRoom(String route) {
        return Optional.of(route);
    }
}
