package dev.contractgate.chatwork;

import dev.contractgate.chat.Channel;
import dev.contractgate.chat.ChannelMode;
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
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Chatwork channel. With an API token it learns the bot's own account id, from configuration or from
 * {@code GET /me} (retried with backoff while Chatwork cannot be reached); until then the channel is not ready and
 * no event is acted on, because the bot could not tell its own messages apart. Without a token it is a dry run
 * ({@link DryRun}) and needs {@code CHATWORK_BOT_ACCOUNT_ID}.
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

    /** The dry run: without an API token nothing is read or posted, and the bot's account id must be configured. */
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
            log.warn("chatwork: {}", notReadyReason);
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
    public ChannelMode mode() {
        return !inbound ? ChannelMode.OFF : outbound.dryRun() ? ChannelMode.DRY : ChannelMode.LIVE;
    }

    @Override
    public Optional<String> botAccountId() {
        return Optional.ofNullable(botAccountId);
    }

    @Override
    public Optional<String> notReadyReason() {
        return botAccountId != null ? Optional.empty() : Optional.of(notReadyReason);
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("mode", mode().id());
        if (outbound instanceof DryRun dry) {
            details.putAll(dry.details());
        }
        return details;
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
}
