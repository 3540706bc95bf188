package dev.contractgate.teams;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contractgate.chat.Channel;
import dev.contractgate.chat.DryRun;
import dev.contractgate.chat.Outbound;
import dev.contractgate.config.MsTeamsConfig;
import dev.contractgate.config.Secrets;
import dev.contractgate.inbox.ChannelModule;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Microsoft Teams as the service runs it: the webhook {@code POST /webhooks/msteams} (off without
 * {@code MSTEAMS_APP_ID}) and the channel (a dry run without {@code MSTEAMS_APP_PASSWORD}).
 */
public final class TeamsModule implements ChannelModule {
    public static final Definition DEFINITION = new Definition(TeamsChannel.IDS,
            (context, config, secrets) -> create(context, config.msteams(), secrets));
    private static final Logger log = LoggerFactory.getLogger(TeamsModule.class);

    private final TeamsChannel channel;
    private final Webhook webhook;

    private TeamsModule(TeamsChannel channel, Webhook webhook) {
        this.channel = channel;
        this.webhook = webhook;
    }

    public static TeamsModule create(Context context, MsTeamsConfig config, Secrets secrets) {
        ObjectMapper json = context.json();
        TeamsActivities activities = new TeamsActivities(json);
        if (config.appId() == null) {
            log.info("MSTEAMS_APP_ID is not set: Teams is off, POST /webhooks/msteams answers 503");
            return new TeamsModule(new TeamsChannel(null, new DryRun("MSTEAMS_APP_ID is not set"), json),
                    new Webhook("/webhooks/msteams", new TeamsWebhook(null, activities, context.inbox())));
        }
        OkHttpClient http = context.http(config.requestTimeout());
        TeamsAuthenticator authenticator = new TeamsAuthenticator(
                new BotFrameworkKeys(http, config.openidMetadataUrl(), json, context.clock()), config.appId(), context.clock());
        Outbound outbound;
        if (secrets.msteamsAppPassword() == null) {
            log.warn("{} is not set: Teams runs dry, replies are recorded but never sent", Secrets.MSTEAMS_APP_PASSWORD);
            outbound = new DryRun(Secrets.MSTEAMS_APP_PASSWORD + " is not set");
        } else {
            TeamsTokens tokens = new TeamsTokens(http, config.tokenEndpoint(), config.appId(), secrets.msteamsAppPassword(),
                    json, context.clock());
            outbound = new TeamsOutbound(new TeamsConnectorClient(http, tokens, new ServiceUrls(config.allowedHosts()), json),
                    json, context.clock());
        }
        log.info("msteams: app {}, tokens checked against {}", config.appId(), config.openidMetadataUrl());
        return new TeamsModule(new TeamsChannel(config.appId(), outbound, json),
                new Webhook("/webhooks/msteams", new TeamsWebhook(authenticator, activities, context.inbox())));
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
        // Nothing runs in the background: the signing keys are read when the first activity arrives.
    }

    @Override
    public void close() {
        // Nothing to stop.
    }
}
