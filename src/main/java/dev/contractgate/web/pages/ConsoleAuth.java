package dev.contractgate.web.pages;

import dev.contractgate.pages.ConsoleSession;
import dev.contractgate.pages.ConsoleSessions;
import dev.contractgate.registry.Actor;
import dev.contractgate.web.ApiAuth;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.util.Map;

/**
 * Signing in to the console with an operator key, the session cookie (HttpOnly, SameSite=Strict, Secure behind TLS),
 * the CSRF token every console form carries, and signing out. A page of the console without a live session leads to
 * the sign-in form; a posted form without one, or without the session's CSRF token, is refused.
 */
public final class ConsoleAuth {
    static final String COOKIE = "cg_console";
    private static final String PATH = "/console";

    private final ConsoleSessions sessions;
    private final ApiAuth keys;
    private final PageRenderer renderer;
    private final Browser browser;
    private final AttemptLimiter limiter;
    private final boolean secure;

    public ConsoleAuth(ConsoleSessions sessions, ApiAuth keys, PageRenderer renderer, Browser browser,
                       AttemptLimiter limiter, boolean secure) {
        this.sessions = sessions;
        this.keys = keys;
        this.renderer = renderer;
        this.browser = browser;
        this.limiter = limiter;
        this.secure = secure;
    }

    /** {@code GET /console}: the sign-in form, or the claims for a signed-in operator. */
    public void start(Context ctx) {
        if (live(ctx) != null) {
            redirect(ctx, "/console/claims");
            return;
        }
        login(ctx, 200, null);
    }

    /** {@code POST /console/login}: checks the key as the API does; only an operator key opens a session. */
    public void signIn(Context ctx) {
        if (limiter.blocked(ctx.ip())) {
            renderer.error(ctx, 429, "error.rate");
            return;
        }
        if (!browser.formIsOurs(ctx)) {
            renderer.error(ctx, 403, "error.csrf");
            return;
        }
        String key = ctx.formParam("key");
        Page page = renderer.page(ctx, "title.console", null, true);
        if (key == null || key.isBlank()) {
            limiter.failed(ctx.ip());
            login(ctx, 401, page.t("console.login.refused", "detail", "no key was entered"));
            return;
        }
        ApiAuth.Checked checked = keys.check(key.strip());
        if (checked.principal() == null) {
            limiter.failed(ctx.ip());
            login(ctx, 401, page.t("console.login.refused", "detail", checked.refusal()));
            return;
        }
        if (!checked.principal().isOperator()) {
            login(ctx, 403, page.t("error.needs_operator"));
            return;
        }
        ConsoleSessions.Started started = sessions.start(checked.principal().keyId());
        ctx.cookie(new Cookie(COOKIE, started.token(), PATH, (int) sessions.ttl().toSeconds(), secure, true, null,
                SameSite.STRICT));
        redirect(ctx, "/console/claims");
    }

    /** {@code POST /console/logout}. */
    public void signOut(Context ctx) {
        ConsoleSession session = form(ctx);
        if (session == null) {
            return;
        }
        sessions.end(session);
        ctx.cookie(new Cookie(COOKIE, "", PATH, 0, secure, true, null, SameSite.STRICT));
        redirect(ctx, "/console");
    }

    /** The live session of a console page; without one the visitor is sent to sign in and null returned. */
    public ConsoleSession page(Context ctx) {
        ConsoleSession session = live(ctx);
        if (session == null) {
            redirect(ctx, "/console");
        }
        return session;
    }

    /** The live session of a posted console form that carries its CSRF token; otherwise refused and null returned. */
    public ConsoleSession form(Context ctx) {
        ConsoleSession session = live(ctx);
        if (session == null) {
            renderer.error(ctx, 401, "error.session");
            return null;
        }
        String posted = ctx.formParam(Browser.CSRF_FIELD);
        if (posted == null || !Browser.same(session.csrfToken(), posted)) {
            renderer.error(ctx, 403, "error.csrf");
            return null;
        }
        return session;
    }

    /** Who acts through a console session, for the registry and the audit log. */
    public static Actor actor(ConsoleSession session) {
        return Actor.operator(session.via());
    }

    /** The frame of a console page for a signed-in operator. */
    public Page frame(Context ctx, ConsoleSession session, String titleKey) {
        return renderer.page(ctx, titleKey, session.csrfToken(), true);
    }

    private ConsoleSession live(Context ctx) {
        return sessions.find(ctx.cookie(COOKIE)).orElse(null);
    }

    private void login(Context ctx, int status, String error) {
        Page page = renderer.page(ctx, "title.console", browser.csrf(ctx), false);
        Map<String, Object> params = new java.util.HashMap<>();
        params.put("page", page);
        params.put("error", error);
        renderer.render(ctx, status, "console/login.jte", params);
    }

    private void redirect(Context ctx, String to) {
        renderer.headers(ctx);
        ctx.status(303).header("Location", to).result("");
    }
}
