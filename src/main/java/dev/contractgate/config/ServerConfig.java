package dev.contractgate.config;

import java.time.Duration;
import java.util.List;

/**
 * The HTTP server.
 *
 * @param maxThreads the most threads that handle requests at once; a request body is read in full before a thread is
 *                   given to the request, so slow clients do not hold these threads
 * @param idleTimeout a connection that sends and receives nothing for this long is closed
 * @param minRequestDataRate bytes per second a request body must average once its first {@code BODY_GRACE} has
 *                           passed; 0 turns the check off
 */
public record ServerConfig(Integer port, Integer maxThreads, Duration idleTimeout, Integer minRequestDataRate) {
    /** How long a body may take before {@code min_request_data_rate} applies (a slow start is no attack). */
    public static final Duration BODY_GRACE = Duration.ofSeconds(5);

    public ServerConfig {
        port = port == null ? 8080 : port;
        maxThreads = maxThreads == null ? 100 : maxThreads;
        idleTimeout = idleTimeout == null ? Duration.ofSeconds(30) : idleTimeout;
        minRequestDataRate = minRequestDataRate == null ? 1024 : minRequestDataRate;
    }

    public static ServerConfig defaults() {
        return new ServerConfig(null, null, null, null);
    }

    void validate(String path, List<String> problems) {
        if (port < 0 || port > 65_535) {
            problems.add(path + ".port: must be between 0 and 65535 (0 = any free port), got " + port);
        }
        Checks.between(path + ".max_threads", maxThreads, 16, 10_000, problems);
        Checks.between(path + ".idle_timeout", idleTimeout, Duration.ofSeconds(1), Duration.ofHours(1), problems);
        Checks.between(path + ".min_request_data_rate", minRequestDataRate, 0, 100_000_000, problems);
    }
}
