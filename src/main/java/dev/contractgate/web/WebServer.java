package dev.contractgate.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contractgate.BuildInfo;
import dev.contractgate.inbox.ChannelModule;
import dev.contractgate.inbox.InboxUnavailableException;
import dev.contractgate.registry.ConflictException;
import dev.contractgate.registry.NotFoundException;
import dev.contractgate.registry.NotPermittedException;
import dev.contractgate.validation.InvalidInputException;
import dev.contractgate.config.ServerConfig;
import dev.contractgate.web.pages.Pages;
import io.javalin.config.SizeUnit;
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
    /** Set once a handler answered with a problem, so the 404 fallback does not replace it. */
    public static final String PROBLEM_WRITTEN = "contractgate.problem";

    private WebServer() {
    }

    /** The handlers the routes lead to. */
    public record Handlers(Readiness readiness, List<ChannelModule.Webhook> webhooks, ApiAuth apiAuth, PartiesApi parties,
                           ApplicationsApi applications, AuditApi audit, KeysApi keys,
                           OutboxApi outbox, RoomsApi rooms, InboxApi inbox, LedgerApi ledger, ImportApi imports,
                           MetricsApi metrics, ApiDocs docs, BuildInfo build, Pages pages) {
    }

    /** An unstarted server on the configured port; the caller starts it with {@link Javalin#start()}. */
    public static Javalin create(ObjectMapper json, ServerConfig server, Handlers handlers) {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = MAX_BODY_BYTES;
            connections(config, json, server, handlers.metrics());
            config.http.defaultContentType = "application/json";
            config.jsonMapper(new JavalinJackson(json, false));
            config.requestLogger.http((ctx, millis) -> {
                handlers.metrics().request(ctx, millis);
                log.debug("{} {} -> {} in {} ms", ctx.method(), ctx.path(), ctx.statusCode(), String.format("%.1f", millis));
            });

            handlers.pages().routes(config);
            config.jetty.multipartConfig.maxFileSize(ImportApi.MAX_BODY_BYTES, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxTotalRequestSize(ImportApi.MAX_BODY_BYTES + 64 * 1024, SizeUnit.BYTES);
            config.routes.get("/health", ctx -> ctx.json(Map.of("status", "up", "version", handlers.build().version(),
                    "commit", handlers.build().commit())));
            config.routes.get("/openapi.json", handlers.docs()::json);
            config.routes.get("/api-docs", handlers.docs()::page);
            config.routes.get("/ready", ctx -> ready(ctx, handlers.readiness()));
            config.routes.get("/metrics", handlers.metrics()::scrape);
            for (ChannelModule.Webhook webhook : handlers.webhooks()) {
                config.routes.post(webhook.path(), handlers.metrics().webhook(webhook.path(), webhook.handler()));
            }

            // Every matched /api route needs a bearer key; an unknown /api path is a plain 404.
            config.routes.beforeMatched("/api/*", handlers.apiAuth());
            config.routes.post("/api/parties", handlers.parties()::register);
            config.routes.get("/api/parties", handlers.parties()::list);
            config.routes.post("/api/applications", handlers.applications()::file);
            config.routes.post(ImportApi.PATH, handlers.imports()::importFile);
            config.routes.get("/api/applications", handlers.applications()::list);
            config.routes.get("/api/applications/{id}", handlers.applications()::one);
            config.routes.post("/api/applications/{id}/confirm", handlers.applications()::confirm);
            config.routes.post("/api/applications/{id}/deny", handlers.applications()::deny);
            config.routes.post("/api/applications/{id}/revoke", handlers.applications()::revoke);
            config.routes.get("/api/audit", handlers.audit()::list);
            config.routes.post("/api/keys", handlers.keys()::create);
            config.routes.get("/api/keys", handlers.keys()::list);
            config.routes.post("/api/keys/{id}/revoke", handlers.keys()::revoke);
            config.routes.get("/api/outbox", handlers.outbox()::list);
            config.routes.post("/api/outbox/{id}/retry", handlers.outbox()::retry);
            config.routes.post("/api/outbox/{id}/discard", handlers.outbox()::discard);
            config.routes.get("/api/inbox", handlers.inbox()::list);
            config.routes.get("/api/rooms", handlers.rooms()::list);
            config.routes.get("/api/rooms/{channel}/{room_id}", handlers.rooms()::one);
            config.routes.get("/api/rooms/{channel}/{room_id}/ledger", handlers.ledger()::list);

            config.routes.exception(InvalidInputException.class, (e, ctx) ->
                    answer(handlers.pages(), ctx, new Problem("urn:contractgate:problem:invalid-input", "Invalid input", 400,
                            e.getMessage(), e.errors())));
            config.routes.exception(InboxUnavailableException.class, (e, ctx) -> {
                log.error("webhook not stored, answered 503: {}", e.getMessage());
                answer(handlers.pages(), ctx, Problem.of(503, "Service Unavailable", "the event could not be stored; nothing was acknowledged"));
            });
            config.routes.exception(NotPermittedException.class, (e, ctx) ->
                    answer(handlers.pages(), ctx, Problem.of(403, "Forbidden", e.getMessage())));
            config.routes.exception(NotFoundException.class, (e, ctx) ->
                    answer(handlers.pages(), ctx, Problem.of(404, "Not Found", e.getMessage())));
            config.routes.exception(ConflictException.class, (e, ctx) ->
                    answer(handlers.pages(), ctx, new Problem("urn:contractgate:problem:conflict", "Conflict", 409, e.getMessage(), null)));
            config.routes.exception(HttpResponseException.class, (e, ctx) ->
                    answer(handlers.pages(), ctx, Problem.of(e.getStatus(), reason(e.getStatus()), e.getMessage())));
            config.routes.exception(Exception.class, (e, ctx) -> {
                log.error("{} {} failed", ctx.method(), ctx.path(), e);
                answer(handlers.pages(), ctx, Problem.of(500, "Internal Server Error", "an unexpected error occurred; it was logged"));
            });
            config.routes.error(404, ctx -> {
                if (ctx.attribute(PROBLEM_WRITTEN) == null) {
                    answer(handlers.pages(), ctx, Problem.of(404, "Not Found", "no such endpoint: " + ctx.method() + " " + ctx.path()));
                }
            });
            config.routes.error(405, ctx -> answer(handlers.pages(), ctx, Problem.of(405, "Method Not Allowed",
                    ctx.method() + " is not allowed on " + ctx.path())));
        });
    }

    /**
     * Bounded reads: a fixed pool of request threads, each request's body read in full without a thread
     * ({@link BodyFirstHandler}), a minimum body data rate, and an idle timeout on every connection. There is no cap per
     * client address: behind a TLS proxy every request comes from the proxy's address.
     */
    private static void connections(JavalinConfig config, ObjectMapper json, ServerConfig server, MetricsApi metrics) {
        QueuedThreadPool threads = new QueuedThreadPool(server.maxThreads(), Math.min(8, server.maxThreads()), 60_000);
        threads.setName("http");
        config.jetty.threadPool = threads;
        config.jetty.modifyServer(jetty -> {
            jetty.insertHandler(new BodyFirstHandler(json, MAX_BODY_BYTES, Map.of(ImportApi.PATH, ImportApi.MAX_BODY_BYTES,
                    Pages.IMPORT_PATH, ImportApi.MAX_BODY_BYTES),
                    server.minRequestDataRate(), ServerConfig.BODY_GRACE, metrics::refused));
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

    /** An error answer: a page on the pages' paths, problem+json everywhere else. */
    private static void answer(Pages pages, Context ctx, Problem problem) {
        if (Pages.owns(ctx.path())) {
            ctx.attribute(PROBLEM_WRITTEN, true);
            pages.error(ctx, problem.status(), problem.detail());
        } else {
            problem(ctx, problem);
        }
    }

    static void problem(Context ctx, Problem problem) {
        ctx.attribute(PROBLEM_WRITTEN, true);
        ctx.status(problem.status()).json(problem).contentType(Problem.CONTENT_TYPE);
    }

    private static String reason(int status) {
        HttpStatus known = HttpStatus.forStatus(status);
        return known == HttpStatus.UNKNOWN ? "Error" : known.getMessage();
    }
}
