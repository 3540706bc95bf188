package dev.contractgate;

import io.javalin.Javalin;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running service: the HTTP server and its workers, closed in the reverse order they were started. */
public final class Service implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Service.class);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private Javalin http;

    /** Registers something to close at shutdown; the last registered closes first. */
    <T extends AutoCloseable> T own(T resource) {
        started.push(resource);
        return resource;
    }

    void http(Javalin server) {
        this.http = server;
        own(server::stop);
    }

    /** The port the HTTP server listens on. */
    public int port() {
        return http.port();
    }

    @Override
    public void close() {
        stop();
    }

    /** Closes everything, the last started first; returns false when something failed to close (it is logged). */
    public synchronized boolean stop() {
        boolean clean = true;
        while (!started.isEmpty()) {
            AutoCloseable resource = started.pop();
            try {
                resource.close();
            } catch (Exception e) {
                clean = false;
                log.warn("shutdown: closing {} failed: {}", resource, e.getMessage());
            }
        }
        return clean;
    }
}
