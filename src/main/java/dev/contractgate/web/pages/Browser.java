package dev.contractgate.web.pages;

import dev.contractgate.pages.Tokens;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The browser's own secret, in an HttpOnly cookie: it binds a one-time code to the browser that was shown it, and
 * the pages' forms prove they came from a page of ours by carrying a token derived from it (a double-submit CSRF
 * token that a page of another site can neither read nor make). SameSite=Lax, so that opening a link from a chat
 * app (a navigation from another site) still sends it; a form posted from another site never carries it.
 */
public final class Browser {
    static final String COOKIE = "cg_browser";
    public static final String CSRF_FIELD = "csrf";
    private static final int ONE_YEAR = 365 * 24 * 3600;

    private final boolean secure;

    /** @param secure mark the cookie Secure (the service is reached over https) */
    public Browser(boolean secure) {
        this.secure = secure;
    }

    /** The browser's secret; a new one (and its cookie) when the browser sent none. */
    public String secret(Context ctx) {
        String existing = ctx.cookie(COOKIE);
        if (Tokens.looksLikeToken(existing)) {
            return existing;
        }
        String fresh = Tokens.random();
        ctx.cookie(new Cookie(COOKIE, fresh, "/", ONE_YEAR, secure, true, null, SameSite.LAX));
        ctx.attribute(COOKIE, fresh);
        return fresh;
    }

    /** The secret the browser sent with this request, or null. */
    public String sent(Context ctx) {
        String existing = ctx.cookie(COOKIE);
        return Tokens.looksLikeToken(existing) ? existing : null;
    }

    /** The CSRF token of the forms on a page for this browser. */
    public String csrf(Context ctx) {
        return csrfFor(secret(ctx));
    }

    /** True when a posted form carries the CSRF token of the browser that posts it. */
    public boolean formIsOurs(Context ctx) {
        String secret = sent(ctx);
        String posted = ctx.formParam(CSRF_FIELD);
        return secret != null && posted != null && same(csrfFor(secret), posted);
    }

    static String csrfFor(String secret) {
        return Tokens.hash("csrf:" + secret);
    }

    /** Constant-time comparison of two tokens. */
    static boolean same(String expected, String presented) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }
}
