package dev.contractgate.chatwork;

import dev.contractgate.inbox.InboxAppendWorker;
import dev.contractgate.inbox.NewInboxEvent;
import dev.contractgate.validation.FieldErrors;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.ServiceUnavailableResponse;
import io.javalin.http.UnauthorizedResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/chatwork}: verify the signature over the raw bytes, then parse, then store durably, then
 * answer 200 with an empty body (chatwork.md, "Webhooks"). The work happens later, in the inbox worker.
 */
public final class ChatworkWebhook implements Handler {
    private static final Logger log = LoggerFactory.getLogger(ChatworkWebhook.class);

    private final ChatworkSignature signature;
    private final ChatworkPayloads payloads;
    private final InboxAppendWorker inbox;

    public ChatworkWebhook(ChatworkSignature signature, ChatworkPayloads payloads, InboxAppendWorker inbox) {
        this.signature = signature;
        this.payloads = payloads;
        this.inbox = inbox;
    }

    @Override
    public void handle(Context ctx) {
        if (!signature.configured()) {
            throw new ServiceUnavailableResponse("no Chatwork webhook token is configured: set CHATWORK_WEBHOOK_TOKENS");
        }
        byte[] body = ctx.bodyAsBytes();
        String given = ctx.header(ChatworkSignature.HEADER);
        if (given == null || given.isBlank()) {
            given = signatureFromQuery(ctx.queryString());
        }
        if (given == null || given.isBlank()) {
            throw new UnauthorizedResponse("missing signature: send " + ChatworkSignature.HEADER + " or "
                    + ChatworkSignature.QUERY_PARAMETER);
        }
        if (!signature.verify(body, given)) {
            log.warn("chatwork webhook: signature does not match any configured token ({} bytes from {})",
                    body.length, ctx.ip());
            throw new UnauthorizedResponse("signature does not match");
        }
        refuseUnknownQueryParameters(ctx);
        ChatworkPayloads.Delivery delivery = payloads.parse(body);
        String payload = ChatworkPayloads.text(body);
        NewInboxEvent event = delivery.known()
                ? NewInboxEvent.pending(ChatworkChannel.NAME, delivery.eventType(), delivery.message().messageId(),
                        delivery.message().updateTime(), delivery.message().roomId(), payload)
                : NewInboxEvent.ignored(ChatworkChannel.NAME, delivery.eventType(), delivery.dedupKey(), payload,
                        "unknown event type");
        boolean stored = inbox.append(event);
        if (!stored) {
            log.debug("chatwork webhook: duplicate {} {} ignored", delivery.eventType(), delivery.dedupKey());
        }
        ctx.status(200).result("");
    }

    /** The signature is the only query parameter Chatwork sends; anything else is a mistake in the webhook's URL. */
    private static void refuseUnknownQueryParameters(Context ctx) {
        FieldErrors errors = new FieldErrors();
        ctx.queryParamMap().keySet().stream().filter(name -> !name.equals(ChatworkSignature.QUERY_PARAMETER))
                .forEach(name -> errors.add(name, "is not a parameter of this endpoint (only "
                        + ChatworkSignature.QUERY_PARAMETER + " is)"));
        errors.throwIfAny("invalid query");
    }

    /**
     * Reads the signature from the raw query string. A '+' in it is kept as '+': Chatwork's signature is standard
     * Base64, and form decoding would turn '+' into a space.
     */
    static String signatureFromQuery(String query) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(ChatworkSignature.QUERY_PARAMETER)) {
                return URLDecoder.decode(pair.substring(equals + 1).replace("+", "%2B"), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
