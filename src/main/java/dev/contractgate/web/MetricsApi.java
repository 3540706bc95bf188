package dev.contractgate.web;

import dev.contractgate.inbox.InboxUnavailableException;
import dev.contractgate.metrics.Metrics;
import dev.contractgate.validation.InvalidInputException;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.router.Endpoint;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * {@code GET /metrics} (Prometheus text format), open to whoever reaches the port unless {@code metrics.require_key}
 * asks for an operator key; and the recording of what the HTTP server sees: every request's time by route template,
 * and each webhook delivery accepted or refused.
 */
public final class MetricsApi {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Supplier<String> scrape;
    private final Metrics metrics;
    private final ApiAuth auth;
    private final boolean requireKey;
    private final Map<String, String> webhookChannels = new ConcurrentHashMap<>();

    /** @param scrape every meter in the Prometheus text format */
    public MetricsApi(Supplier<String> scrape, Metrics metrics, ApiAuth auth, boolean requireKey) {
        this.scrape = scrape;
        this.metrics = metrics;
        this.auth = auth;
        this.requireKey = requireKey;
    }

    public void scrape(Context ctx) {
        if (requireKey) {
            auth.handle(ctx);
            ApiAuth.operator(ctx);
        }
        ctx.contentType(CONTENT_TYPE).result(scrape.get());
    }

    /** Times a finished request under its route template ({@code /api/applications/{id}}), never its raw path. */
    void request(Context ctx, float millis) {
        Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
        String uri = endpoint != null ? endpoint.path : ctx.statusCode() == 404 ? "NOT_FOUND" : "UNKNOWN";
        metrics.httpRequest(ctx.method().name(), uri, ctx.statusCode(), Duration.ofNanos((long) (millis * 1_000_000)));
    }

    /**
     * The webhook of a channel, counting each delivery as received or rejected with the reason. A channel's webhook is
     * {@code /webhooks/<channel name>}: the last part of the path names the channel.
     */
    Handler webhook(String path, Handler webhook) {
        String channel = path.substring(path.lastIndexOf('/') + 1);
        webhookChannels.put(path, channel);
        return ctx -> {
            try {
                webhook.handle(ctx);
            } catch (Exception e) {
                metrics.webhookRejected(channel, reason(e));
                throw e;
            }
            metrics.webhookReceived(channel);
        };
    }

    /** A request the server refused before any handler saw it: its body was too large (413) or too slow (408). */
    void refused(String path, int status) {
        String channel = webhookChannels.get(path);
        if (channel != null) {
            metrics.webhookRejected(channel, status == 413 ? "too_large" : "too_slow");
        }
    }

    private static String reason(Exception e) {
        if (e instanceof InvalidInputException) {
            return "malformed";
        }
        if (e instanceof InboxUnavailableException) {
            return "unavailable";
        }
        if (e instanceof HttpResponseException response) {
            return switch (response.getStatus()) {
                case 400 -> "malformed";
                case 401 -> "signature";
                case 413 -> "too_large";
                case 503 -> "not_configured";
                default -> "other";
            };
        }
        return "other";
    }
}
