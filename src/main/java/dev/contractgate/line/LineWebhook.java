package dev.contractgate.line;

import dev.contractgate.inbox.InboxAppendWorker;
import dev.contractgate.inbox.NewInboxEvent;
import dev.contractgate.metrics.Metrics;
import dev.contractgate.validation.FieldErrors;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.ServiceUnavailableResponse;
import io.javalin.http.UnauthorizedResponse;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/line}: the signature is checked over the raw bytes first (401 and nothing stored), then the
 * delivery is parsed (400 when malformed, not UTF-8, not one JSON object, or with a query string), every event is
 * stored durably, and only then is it answered 200 with an empty body. A delivery without events is LINE's
 * connection check. Each event is stored once by its {@code webhookEventId}, so a redelivery adds nothing; an event
 * type the bot does not act on is recorded as ignored. The work happens later, in the inbox worker.
 */
public final class LineWebhook implements Handler {
    private static final Logger log = LoggerFactory.getLogger(LineWebhook.class);

    private final LineSignature signature;
    private final LineEvents events;
    private final InboxAppendWorker inbox;
    private final Metrics metrics;

    LineWebhook(LineSignature signature, LineEvents events, InboxAppendWorker inbox, Metrics metrics) {
        this.signature = signature;
        this.events = events;
        this.inbox = inbox;
        this.metrics = metrics;
    }

    @Override
    public void handle(Context ctx) {
        if (!signature.configured()) {
            throw new ServiceUnavailableResponse("LINE is off: set LINE_CHANNEL_SECRET");
        }
        byte[] body = ctx.bodyAsBytes();
        String given = ctx.header(LineSignature.HEADER);
        if (given == null || given.isBlank()) {
            throw new UnauthorizedResponse("missing signature: send " + LineSignature.HEADER);
        }
        if (!signature.verify(body, given)) {
            log.warn("line webhook: signature does not match the channel secret ({} bytes from {})", body.length, ctx.ip());
            throw new UnauthorizedResponse("signature does not match");
        }
        refuseQueryParameters(ctx);
        List<LineEvents.Parsed> parsed = events.parse(body);
        if (!parsed.isEmpty()) {
            List<Boolean> stored = inbox.appendAll(parsed.stream().map(LineWebhook::toInbox).toList());
            for (int i = 0; i < parsed.size(); i++) {
                if (!stored.get(i)) {
                    metrics.webhookDuplicate(LineChannel.NAME);
                    LineEvent event = parsed.get(i).event();
                    log.debug("line webhook: {} {} stored before (redelivery: {})", event.type(), event.webhookEventId(),
                            event.redelivery());
                }
            }
        }
        ctx.status(200).result("");
    }

    private static NewInboxEvent toInbox(LineEvents.Parsed parsed) {
        LineEvent event = parsed.event();
        return event.known()
                ? NewInboxEvent.pending(LineChannel.NAME, event.type(), event.webhookEventId(), 0, event.source().room(),
                        parsed.payload())
                : NewInboxEvent.ignored(LineChannel.NAME, NewInboxEvent.storableType(event.type()), event.webhookEventId(),
                        parsed.payload(), event.ignoredBecause());
    }

    /** LINE sends no query parameters; any is a mistake in the webhook URL. */
    private static void refuseQueryParameters(Context ctx) {
        FieldErrors errors = new FieldErrors();
        ctx.queryParamMap().keySet().forEach(name -> errors.add(name, "is not a parameter of this endpoint (it takes none)"));
        errors.throwIfAny("invalid query");
    }
}
