package dev.contractgate.line;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contractgate.chat.Channel;
import dev.contractgate.chat.DryRun;
import dev.contractgate.config.LineConfig;
import dev.contractgate.config.Secrets;
import dev.contractgate.inbox.ChannelModule;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LINE as the service runs it: the webhook {@code POST /webhooks/line} (off without {@code LINE_CHANNEL_SECRET}) and
 * the channel (a dry run without {@code LINE_CHANNEL_ACCESS_TOKEN}). At start it reads the bot's own user id and the
 * message quota in the background; a failure there is only logged (the deliveries name the bot, the quota is read
 * again before the first push).
 */
public final class LineModule implements ChannelModule {
    public static final Definition DEFINITION = new Definition(LineChannel.IDS,
            (context, config, secrets) -> create(context, config.line(), secrets));
    private static final Logger log = LoggerFactory.getLogger(LineModule.class);

    private final LineChannel channel;
    private final Webhook webhook;
    private final LineClient client;
    private final LineQuota quota;

    private LineModule(LineChannel channel, Webhook webhook, LineClient client, LineQuota quota) {
        this.channel = channel;
        this.webhook = webhook;
        this.client = client;
        this.quota = quota;
    }

    public static LineModule create(Context context, LineConfig config, Secrets secrets) {
        ObjectMapper json = context.json();
        java.util.Set<String> unidentifiedIn = java.util.concurrent.ConcurrentHashMap.newKeySet();
        LineSignature signature = new LineSignature(secrets.lineChannelSecrets());
        Webhook webhook = new Webhook("/webhooks/line",
                new LineWebhook(signature, new LineEvents(json), context.inbox(), context.metrics()));
        if (!signature.configured()) {
            log.info("LINE_CHANNEL_SECRET is not set: LINE is off, POST /webhooks/line answers 503");
            return new LineModule(new LineChannel(false, new DryRun("LINE_CHANNEL_SECRET is not set"), json,
                    config.replyTokenTtl(), Map::of, sentByBot(context), unidentifiedIn), webhook, null, null);
        }
        if (secrets.lineChannelAccessToken() == null) {
            log.warn("{} is not set: LINE runs dry, replies are recorded but never sent", Secrets.LINE_CHANNEL_ACCESS_TOKEN);
            return new LineModule(new LineChannel(true, new DryRun(Secrets.LINE_CHANNEL_ACCESS_TOKEN + " is not set"), json,
                    config.replyTokenTtl(), Map::of, sentByBot(context), unidentifiedIn), webhook, null, null);
        }
        LineClient client = new LineClient(context.http(config.requestTimeout()), config.apiUrl(),
                secrets.lineChannelAccessToken(), json);
        LineQuota quota = new LineQuota(client::quota, config.quota(), context.clock());
        Tags tags = Tags.of("channel", LineChannel.NAME);
        context.metrics().gauge("contractgate.line.quota.limit", "The LINE account's monthly push quota (NaN: none, or "
                + "not read yet)", null, tags, quota::limit);
        context.metrics().gauge("contractgate.line.quota.used", "Pushes counted against the LINE quota this month",
                null, tags, quota::usedNow);
        context.metrics().gauge("contractgate.line.quota.remaining", "Pushes left in the LINE quota this month", null,
                tags, quota::remainingNow);
        LineOutbound outbound = new LineOutbound(client, quota, context.jdbi(), json, context.clock(), unidentifiedIn);
        log.info("line: {} channel secret(s) accepted, API at {}", secrets.lineChannelSecrets().size(), config.apiUrl());
        return new LineModule(new LineChannel(true, outbound, json, config.replyTokenTtl(), quota::details,
                sentByBot(context), unidentifiedIn), webhook, client, quota);
    }

    private static java.util.function.Predicate<String> sentByBot(Context context) {
        LineDao dao = context.jdbi().onDemand(LineDao.class);
        return dao::sentByBot;
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public Webhook webhook() {
        return webhook;
    }

    @Override
    public void start() {
        if (client == null) {
            return;
        }
        CompletableFuture.runAsync(() -> {
            try {
                channel.learnBotUserId(client.botUserId());
            } catch (LineException e) {
                if (e.status() == 401) {
                    channel.tokenRefused(Secrets.LINE_CHANNEL_ACCESS_TOKEN + " is refused by LINE (401): issue a new "
                            + "channel access token in the LINE Developers console");
                    log.error("line: the channel access token is refused (401); replies cannot be sent");
                } else {
                    log.warn("line: the bot's own user id could not be read ({}); it is learned from the deliveries",
                            e.getMessage());
                }
            }
            quota.readIfNeverRead();
        });
    }

    @Override
    public void close() {
        // Nothing to stop: the start-up reads are single calls with a timeout.
    }
}
