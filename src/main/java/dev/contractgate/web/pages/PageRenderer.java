package dev.contractgate.web.pages;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * Renders the pages from templates compiled at build time (jte, HTML-escaping every value by its context), and sets the
 * headers every page has: a Content-Security-Policy that allows no script at all and only the one inline style
 * sheet (by its hash), no framing, no referrer (a link's token is in its URL), and no caching.
 */
public final class PageRenderer {
    /** The visitor's choice of language, remembered for the next pages. */
    static final String LANG_COOKIE = "cg_lang";

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);
    private final PageText text;
    private final ZoneId zone;
    private final String css;
    private final String policy;

    public PageRenderer(PageText text, ZoneId zone) {
        this.text = text;
        this.zone = zone;
        this.css = resource("pages/style.css");
        this.policy = "default-src 'none'; style-src '" + sha256(css) + "'; img-src 'self'; form-action 'self'; "
                + "frame-ancestors 'none'; base-uri 'none'";
    }

    /** The page frame for this request: its language (from {@code ?lang=}, a cookie, or the browser), title and CSRF token. */
    public Page page(Context ctx, String titleKey, String csrf, boolean console) {
        String lang = language(ctx);
        return new Page(lang, text, text.get(lang, titleKey), ctx.path(), csrf, console, css, zone);
    }

    public void render(Context ctx, int status, String template, Map<String, Object> params) {
        StringOutput output = new StringOutput();
        engine.render(template, params, output);
        headers(ctx);
        // An answer of ours, also when it is a 404 (an unknown link): the server's own 404 page must not replace it.
        ctx.attribute(dev.contractgate.web.WebServer.PROBLEM_WRITTEN, true);
        ctx.status(status).contentType("text/html; charset=utf-8").result(output.toString());
    }

    /** The headers of every page, also of a redirect between pages. */
    public void headers(Context ctx) {
        ctx.header("Content-Security-Policy", policy);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
    }

    /** An error page: what went wrong, in the visitor's words, and where to go. */
    public void error(Context ctx, int status, String messageKey, Object... params) {
        String lang = language(ctx);
        String title = text.find(lang, "error.title." + status).orElse(text.get(lang, "error.title"));
        Page page = page(ctx, "error.title", null, ctx.path().startsWith("/console")).titled(title);
        render(ctx, status, "error.jte", Map.of("page", page, "message", page.t(messageKey, params)));
    }

    private String language(Context ctx) {
        String asked = ctx.queryParam("lang");
        if (asked != null && text.has(asked)) {
            ctx.cookie(new io.javalin.http.Cookie(LANG_COOKIE, asked, "/", 365 * 24 * 3600, false, true, null,
                    io.javalin.http.SameSite.LAX));
            return asked;
        }
        String remembered = ctx.cookie(LANG_COOKIE);
        if (remembered != null && text.has(remembered)) {
            return remembered;
        }
        String accept = ctx.header("Accept-Language");
        if (accept != null) {
            for (String range : accept.split(",")) {
                String tag = range.split(";")[0].strip().toLowerCase(Locale.ROOT);
                String primary = tag.split("-")[0];
                if (text.has(primary)) {
                    return primary;
                }
            }
        }
        return text.defaultLanguage();
    }

    private static String resource(String name) {
        try (InputStream in = PageRenderer.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
