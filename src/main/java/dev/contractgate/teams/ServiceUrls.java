package dev.contractgate.teams;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * Where the bot may send its token: a conversation's service URL on an allowed host ({@code MSTEAMS_SERVICE_URL_HOSTS}:
 * a name matches exactly, {@code *.name} any host below it), over https (plain http only on this machine's loopback,
 * for tests).
 */
final class ServiceUrls {
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1", "[::1]");

    private final List<String> hosts;

    ServiceUrls(List<String> hosts) {
        this.hosts = hosts.stream().map(host -> host.toLowerCase(Locale.ROOT)).toList();
    }

    /** The URL parsed, when the token may go there; else why not. */
    HttpUrl allowed(String serviceUrl) {
        HttpUrl url = serviceUrl == null ? null : HttpUrl.parse(serviceUrl);
        if (url == null) {
            throw new IllegalArgumentException("the service URL '" + serviceUrl + "' is not an http(s) URL");
        }
        String host = url.host().toLowerCase(Locale.ROOT);
        if (!url.isHttps() && !LOOPBACK.contains(host)) {
            throw new IllegalArgumentException("the service URL " + serviceUrl + " is not https: the token is not sent there");
        }
        if (hosts.stream().noneMatch(allowed -> matches(allowed, host))) {
            throw new IllegalArgumentException("the service URL's host " + host + " is not in MSTEAMS_SERVICE_URL_HOSTS "
                    + hosts + ": the token is not sent there");
        }
        return url;
    }

    private static boolean matches(String allowed, String host) {
        return allowed.startsWith("*.") ? host.endsWith(allowed.substring(1)) && host.length() > allowed.length() - 1
                : host.equals(allowed);
    }
}
