package dev.contractgate.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contractgate.inbox.ChannelModule;
import dev.contractgate.inbox.InboxUnavailableException;
import dev.contractgate.registry.ConflictException;
import dev.contractgate.registry.NotFoundException;
import dev.contractgate.registry.NotPermittedException;
import dev.contractgate.validation.InvalidInputException;
import dev.contractgate.config.ServerConfig;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every route and every error mapping of the HTTP interface (interface.md, "HTTP"). */
public final class WebServer {
    /** Request bodies above this are refused with 413 (webhooks and API alike). */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);

    private WebServer() {
    }

    /** The handlers the routes lead to. */
    public record Handlers(Readiness readiness, List<ChannelModule.Webhook> webhooks, ApiAuth apiAuth, PartiesApi parties,
                           ApplicationsApi applications, AuditApi audit, KeysApi keys,
                           OutboxApi outbox, RoomsApi rooms, InboxApi inbox, LedgerApi ledger) {
    }

    /** An unstarted server on the configured port; the caller starts it with {@link Javalin#start()}. */
    public static Javalin create(ObjectMapper json, ServerConfig server, Handlers handlers) {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = MAX_BODY_BYTES;
            connections(config, json, server);
            config.http.defaultContentType = "application/json";
            config.jsonMapper(new JavalinJackson(json, false));
            config.requestLogger.http((ctx, millis) -> log.debug("{} {} -> {} in {} ms", ctx.method(), ctx.path(),
                    ctx.statusCode(), String.format("%.1f", millis)));

            config.routes.get("/health", ctx -> ctx.json(Map.of("status", "up")));
            config.routes.get("/ready", ctx -> ready(ctx, handlers.readiness()));
            for (ChannelModule.Webhook webhook : handlers.webhooks()) {
                config.routes.post(webhook.path(), webhook.handler());
            }

            // Every matched /api route needs a bearer key; an unknown /api path is a plain 404.
            config.routes.beforeMatched("/api/*", handlers.apiAuth());
            config.routes.post("/api/parties", handlers.parties()::register);
            config.routes.get("/api/parties", handlers.parties()::list);
            config.routes.post("/api/applications", handlers.applications()::file);
            config.routes.get("/api/applications", handlers.applications()::list);
            config.routes.get("/api/applications/{id}", handlers.applications()::one);
            config.routes.post("/api/applications/{id}/confirm", handlers.applications()::confirm);
            config.routes.post("/api/applications/{id}/deny", handlers.applications()::deny);
            config.routes.post("/api/applications/{id}/revoke", handlers.applications()::revoke);
            config.routes.get("/api/audit", handlers.audit()::list);
            config.routes.post("/api/keys", handlers.keys()::create);
            config.routes.get("/api/outbox", handlers.outbox()::list);
            config.routes.get("/api/inbox", handlers.inbox()::list);
            config.routes.get("/api/rooms/{channel}/{room_id}", handlers.rooms()::one);
            config.routes.get("/api/rooms/{channel}/{room_id}/ledger", handlers.ledger()::list);

            config.routes.exception(InvalidInputException.class, (e, ctx) ->
                    problem(ctx, new Problem("urn:contractgate:problem:invalid-input", "Invalid input", 400,
                            e.getMessage(), e.errors())));
            config.routes.exception(InboxUnavailableException.class, (e, ctx) -> {
                log.error("webhook not stored, answered 503: {}", e.getMessage());
                problem(ctx, Problem.of(503, "Service Unavailable", "the event could not be stored; nothing was acknowledged"));
            });
            config.routes.exception(NotPermittedException.class, (e, ctx) ->
                    problem(ctx, Problem.of(403, "Forbidden", e.getMessage())));
            config.routes.exception(NotFoundException.class, (e, ctx) ->
                    problem(ctx, Problem.of(404, "Not Found", e.getMessage())));
            config.routes.exception(ConflictException.class, (e, ctx) ->
                    problem(ctx, new Problem("urn:contractgate:problem:conflict", "Conflict", 409, e.getMessage(), null)));
            config.routes.exception(HttpResponseException.class, (e, ctx) ->
                    problem(ctx, Problem.of(e.getStatus(), reason(e.getStatus()), e.getMessage())));
            config.routes.exception(Exception.class, (e, ctx) -> {
                log.error("{} {} failed", ctx.method(), ctx.path(), e);
                problem(ctx, Problem.of(500, "Internal Server Error", "an unexpected error occurred; it was logged"));
            });
            config.routes.error(404, ctx -> {
                if (!Problem.CONTENT_TYPE.equals(ctx.res().getContentType())) {
                    problem(ctx, Problem.of(404, "Not Found", "no such endpoint: " + ctx.method() + " " + ctx.path()));
                }
            });
            config.routes.error(405, ctx -> problem(ctx, Problem.of(405, "Method Not Allowed",
                    ctx.method() + " is not allowed on " + ctx.path())));
        });
    }

    /**
     * Bounded reads: a fixed pool of request threads, each request's body read in full without a thread
     * ({@link BodyFirstHandler}), a minimum body data rate, and an idle timeout on every connection. There is no cap per
     * client address: behind a TLS proxy every request comes from the proxy's address.
     */
    private static void connections(JavalinConfig config, ObjectMapper json, ServerConfig server) {
        QueuedThreadPool threads = new QueuedThreadPool(server.maxThreads(), Math.min(8, server.maxThreads()), 60_000);
        threads.setName("http");
        config.jetty.threadPool = threads;
        config.jetty.modifyServer(jetty -> {
            jetty.insertHandler(new BodyFirstHandler(json, MAX_BODY_BYTES, Map.of(), server.minRequestDataRate(),
                    ServerConfig.BODY_GRACE));
            jetty.setErrorHandler(new ProblemErrorHandler(json));
        });
        config.jetty.addConnector((jetty, http) -> {
            ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
            connector.setPort(server.port());
            connector.setIdleTimeout(server.idleTimeout().toMillis());
            return connector;
        });
    }

    private static void ready(Context ctx, Readiness readiness) {
        Readiness.Report report = readiness.report();
        ctx.status(report.ready() ? 200 : 503).json(report);
    }

    static void problem(Context ctx, Problem problem) {
        ctx.status(problem.status()).json(problem).contentType(Problem.CONTENT_TYPE);
    }

    private static String reason(int status) {
        HttpStatus known = HttpStatus.forStatus(status);
        return known == HttpStatus.UNKNOWN ? "Error" : known.getMessage();
    }
}
