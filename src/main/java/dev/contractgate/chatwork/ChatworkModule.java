package dev.contractgate.chatwork;

import dev.contractgate.chat.Channel;
import dev.contractgate.chat.Pacing;
import dev.contractgate.config.ChatworkConfig;
import dev.contractgate.config.Secrets;
import dev.contractgate.inbox.ChannelModule;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chatwork as the service runs it: the channel (live with {@code CHATWORK_API_TOKEN}, a dry run without), the webhook
 * {@code POST /webhooks/chatwork} (off without {@code CHATWORK_WEBHOOK_TOKENS}) and the catch-up reader.
 */
public final class ChatworkModule implements ChannelModule {
    private static final Logger log = LoggerFactory.getLogger(ChatworkModule.class);
    public static final Definition DEFINITION = new Definition(ChatworkChannel.IDS,
            (context, config, secrets) -> create(context, config.chatwork(), secrets));

    private final ChatworkChannel channel;
    private final Webhook webhook;
    private final ChatworkCatchUpWorker catchUp;

    private ChatworkModule(ChatworkChannel channel, Webhook webhook, ChatworkCatchUpWorker catchUp) {
        this.channel = channel;
        this.webhook = webhook;
        this.catchUp = catchUp;
    }

    public static ChatworkModule create(Context context, ChatworkConfig config, Secrets secrets) {
        ChatworkPayloads payloads = new ChatworkPayloads(context.json());
        boolean inbound = !secrets.chatworkWebhookTokens().isEmpty();
        if (!inbound) {
            log.warn("{} is not set: POST /webhooks/chatwork answers 503", Secrets.CHATWORK_WEBHOOK_TOKENS);
        }
        Webhook webhook = new Webhook("/webhooks/chatwork",
                new ChatworkWebhook(new ChatworkSignature(secrets.chatworkWebhookTokens()), payloads, context.inbox(),
                        context.metrics()));
        if (secrets.chatworkApiTokenIfSet().isEmpty()) {
            log.warn("{} is not set: dry run, replies are recorded but never sent", Secrets.CHATWORK_API_TOKEN);
            return new ChatworkModule(ChatworkChannel.dry(payloads, inbound, Secrets.CHATWORK_API_TOKEN + " is not set",
                    config.botAccountId()), webhook, null);
        }
        ChatworkClient client = new ChatworkClient(context.http(config.requestTimeout()), config.apiUrl(),
                secrets.chatworkApiTokenIfSet().get(), context.json());
        Pacing pacing = new Pacing(List.of(new Pacing.Window(config.roomPostLimit(), config.roomPostWindow())), List.of());
        ChatworkChannel channel = ChatworkChannel.live(payloads, inbound, client, pacing, config.botAccountId());
        ChatworkCatchUpWorker catchUp = config.catchUpInterval().isZero() ? null
                : new ChatworkCatchUpWorker(channel, client, context.inbox(), context.json(),
                        roomId -> context.lastSeen().apply(ChatworkChannel.NAME, roomId), context.jdbi().onDemand(dev.contractgate.chat.RoomMarkDao.class), config,
                        context.clock(),
                        context.metrics());
        if (catchUp != null) {
            channel.reportCatchUp(catchUp::status);
            context.metrics().catchUpLag(ChatworkChannel.NAME, catchUp::lag);
        }
        return new ChatworkModule(channel, webhook, catchUp);
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
        channel.start();
        if (catchUp != null) {
            catchUp.start();
        }
    }

    @Override
    public void close() {
        if (catchUp != null) {
            catchUp.close();
        }
        channel.close();
    }
}
