package dev.contractgate.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The web pages: the single-use links the bot posts, and the operator console.
 *
 * @param publicUrl the base URL people reach the service on ({@code CONTRACTGATE_PUBLIC_URL}); null: the bot posts no
 *                  links (the pages still answer)
 * @param linkTtl how long a link the bot posts can be opened
 * @param consoleSessionTtl how long a console sign-in lasts
 */
public record PagesConfig(String publicUrl, Duration linkTtl, Duration consoleSessionTtl) {
    public PagesConfig {
        publicUrl = publicUrl == null || publicUrl.isBlank() ? null : stripSlash(publicUrl.strip());
        linkTtl = linkTtl == null ? Duration.ofMinutes(15) : linkTtl;
        consoleSessionTtl = consoleSessionTtl == null ? Duration.ofHours(8) : consoleSessionTtl;
    }

    public static PagesConfig defaults() {
        return new PagesConfig(null, null, null);
    }

    /** True when the public address is https, so cookies are marked Secure. */
    public boolean behindTls() {
        return publicUrl != null && publicUrl.startsWith("https://");
    }

    void validate(String path, List<String> problems) {
        if (publicUrl != null) {
            try {
                URI uri = URI.create(publicUrl);
                boolean loopback = "localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost())
                        || "[::1]".equals(uri.getHost());
                if (uri.getHost() == null || !"https".equals(uri.getScheme()) && !("http".equals(uri.getScheme()) && loopback)) {
                    problems.add(path + ".public_url: must be an https URL (http only for localhost), got '" + publicUrl + "'");
                } else if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                    problems.add(path + ".public_url: must have no query or fragment, got '" + publicUrl + "'");
                }
            } catch (IllegalArgumentException e) {
                problems.add(path + ".public_url: not a URL: '" + publicUrl + "'");
            }
        }
        Checks.between(path + ".link_ttl", linkTtl, Duration.ofMinutes(1), Duration.ofDays(7), problems);
        Checks.between(path + ".console_session_ttl", consoleSessionTtl, Duration.ofMinutes(5), Duration.ofDays(7), problems);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
