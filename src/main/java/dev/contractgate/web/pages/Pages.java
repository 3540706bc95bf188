package dev.contractgate.web.pages;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.Map;

/**
 * The web pages' routes: {@code /} (what the service is and where to go), the single-use link pages under
 * {@code /l/{token}}, and the operator console under {@code /console}. Errors on these paths are pages, not JSON.
 */
public final class Pages {
    /** A console import file may be as large as an API import. */
    public static final String IMPORT_PATH = "/console/import";

    private final PageRenderer renderer;
    private final LinkPages links;
    private final ConsoleAuth auth;
    private final ConsolePages console;

    public Pages(PageRenderer renderer, LinkPages links, ConsoleAuth auth, ConsolePages console) {
        this.renderer = renderer;
        this.links = links;
        this.auth = auth;
        this.console = console;
    }

    public void routes(JavalinConfig config) {
        config.routes.get("/", this::home);
        config.routes.get("/l/{token}", links::show);
        config.routes.post("/l/{token}/code", links::code);
        config.routes.post("/l/{token}/file", links::file);
        config.routes.post("/l/{token}/confirm", links::confirm);
        config.routes.post("/l/{token}/deny", links::deny);

        config.routes.get("/console", auth::start);
        config.routes.post("/console/login", auth::signIn);
        config.routes.post("/console/logout", auth::signOut);
        config.routes.get("/console/claims", console::claims);
        config.routes.post("/console/claims/{id}/confirm", console::confirmClaim);
        config.routes.post("/console/claims/{id}/deny", console::denyClaim);
        config.routes.get("/console/rooms", console::rooms);
        config.routes.get("/console/outbox", console::outbox);
        config.routes.post("/console/outbox/{id}/retry", console::retry);
        config.routes.post("/console/outbox/{id}/discard", console::discard);
        config.routes.get("/console/audit", console::audit);
        config.routes.get("/console/keys", console::keys);
        config.routes.post("/console/keys", console::createKey);
        config.routes.post("/console/keys/{id}/revoke", console::revokeKey);
        config.routes.get(IMPORT_PATH, console::importForm);
        config.routes.post(IMPORT_PATH, console::importFile);
    }

    private void home(Context ctx) {
        renderer.render(ctx, 200, "home.jte", Map.of("page", renderer.page(ctx, "title.home", null, false)));
    }

    /**
     * True for the paths whose answers are pages, errors included: everything a person might open, which is every path
     * but the API's, the webhooks' and the machine-read service endpoints (those answer problem+json).
     */
    public static boolean owns(String path) {
        return !(path.startsWith("/api/") || path.equals("/api") || path.startsWith("/webhooks/")
                || MACHINE_PATHS.contains(path));
    }

    private static final java.util.Set<String> MACHINE_PATHS = java.util.Set.of("/health", "/ready", "/metrics",
            "/openapi.json", "/api-docs");

    /** An error on a page path, as a page. */
    public void error(Context ctx, int status, String detail) {
        if (status == 404) {
            renderer.error(ctx, 404, "error.not_found");
        } else if (status >= 500) {
            renderer.error(ctx, 500, "error.internal");
        } else {
            renderer.error(ctx, status, "error.generic", "detail", detail);
        }
    }
}
