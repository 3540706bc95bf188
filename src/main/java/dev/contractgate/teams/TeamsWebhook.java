package dev.contractgate.teams;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contractgate.inbox.InboxAppendWorker;
import dev.contractgate.Json;
import dev.contractgate.inbox.NewInboxEvent;
import dev.contractgate.validation.ControlCharacters;
import dev.contractgate.validation.FieldErrors;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.ServiceUnavailableResponse;
import io.javalin.http.UnauthorizedResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/msteams}: the Bot Framework's bearer token is checked first (401 and nothing stored when it
 * fails), then the activity is parsed (400 when malformed, not UTF-8, not one JSON object, or with a query string),
 * stored durably and answered 200 with an empty body. The work happens later, in the inbox worker. The same activity
 * again is stored once; an activity type the bot does not act on is recorded as ignored.
 */
public final class TeamsWebhook implements Handler {
    private static final Logger log = LoggerFactory.getLogger(TeamsWebhook.class);
    /** An ignored activity's id longer than this is stored by the digest of its body instead. */
    private static final int MAX_IGNORED_ID_LENGTH = 128;

    private final TeamsAuthenticator authenticator;
    private final TeamsActivities activities;
    private final InboxAppendWorker inbox;

    /** @param authenticator null when Teams is off (no App ID): the webhook answers 503 */
    TeamsWebhook(TeamsAuthenticator authenticator, TeamsActivities activities, InboxAppendWorker inbox) {
        this.authenticator = authenticator;
        this.activities = activities;
        this.inbox = inbox;
    }

    @Override
    public void handle(Context ctx) {
        if (authenticator == null) {
            throw new ServiceUnavailableResponse("Teams is off: set MSTEAMS_APP_ID");
        }
        TeamsAuthenticator.Verified token = verified(ctx);
        byte[] body = ctx.bodyAsBytes();
        JsonNode tree = activities.tree(body);
        try {
            authenticator.check(token, textOrNull(tree.get("channelId")), textOrNull(tree.get("serviceUrl")));
        } catch (TeamsAuthenticator.Rejected e) {
            throw refused(ctx, e);
        }
        refuseQueryParameters(ctx);
        Activity activity = activities.parse(tree);
        // A raw control character could only be inside a string (it parsed), and is removed as there.
        String payload = ControlCharacters.stripFromChat(Json.utf8(body));
        NewInboxEvent event = Activity.KNOWN_TYPES.contains(activity.type())
                ? NewInboxEvent.pending(TeamsChannel.NAME, activity.type(), activity.id(), updateTime(activity),
                        activity.roomId(), payload)
                : NewInboxEvent.ignored(TeamsChannel.NAME, NewInboxEvent.storableType(activity.type()),
                        activity.id() != null && activity.id().length() <= MAX_IGNORED_ID_LENGTH
                                ? activity.id() : NewInboxEvent.digest(body), payload,
                        "activity type " + NewInboxEvent.storableType(activity.type()) + " is not acted on");
        if (!inbox.append(event)) {
            log.debug("msteams webhook: duplicate {} {} ignored", activity.type(), activity.id());
        }
        ctx.status(200).result("");
    }

    /** The Bot Framework sends no query parameters; any is a mistake in the messaging endpoint's URL. */
    private static void refuseQueryParameters(Context ctx) {
        FieldErrors errors = new FieldErrors();
        ctx.queryParamMap().keySet().forEach(name -> errors.add(name, "is not a parameter of this endpoint (it takes none)"));
        errors.throwIfAny("invalid query");
    }

    private TeamsAuthenticator.Verified verified(Context ctx) {
        try {
            return authenticator.verify(ctx.header("Authorization"));
        } catch (TeamsAuthenticator.Rejected e) {
            throw refused(ctx, e);
        } catch (BotFrameworkKeys.UnavailableException e) {
            log.error("msteams webhook: {}; answered 503", e.getMessage());
            throw new ServiceUnavailableResponse("the Bot Framework's signing keys cannot be read; try again later");
        }
    }

    private static UnauthorizedResponse refused(Context ctx, TeamsAuthenticator.Rejected e) {
        log.warn("msteams webhook: token refused from {}: {}", ctx.ip(), e.getMessage());
        return new UnauthorizedResponse(e.getMessage());
    }

    private static String textOrNull(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    /** An edit is a new version of the message: each edit is stored (and handled) once. */
    private static long updateTime(Activity activity) {
        return Activity.MESSAGE_UPDATE.equals(activity.type()) && activity.timestamp() != null
                ? activity.timestamp().toEpochMilli() : 0;
    }
}
