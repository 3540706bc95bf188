package dev.contractgate.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contractgate.chat.Channel;
import dev.contractgate.chat.IdFormat;
import dev.contractgate.config.AppConfig;
import dev.contractgate.config.Secrets;
import dev.contractgate.metrics.Metrics;
import io.javalin.http.Handler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import okhttp3.OkHttpClient;
import org.jdbi.v3.core.Jdbi;

/**
 * A channel as the service runs it: the {@link Channel} the rest of the service talks to, the webhook that stores
 * its events in the inbox, and whatever it runs in the background. Adding a channel is one such module (its own
 * package and configuration block) and one line in {@code Main}.
 */
public interface ChannelModule extends AutoCloseable {
    /**
     * What every channel module is built from.
     *
     * @param jdbi the database, for what a channel keeps of its own (LINE: which reply took an event's reply token;
     *             Chatwork: the rooms' change markers at their last catch-up read)
     */
    record Context(ObjectMapper json, OkHttpClient http, InboxAppendWorker inbox,
                   BiFunction<String, String, Optional<Instant>> lastSeen, Clock clock, Metrics metrics, Jdbi jdbi) {
        public Context {
            Objects.requireNonNull(json, "json");
            Objects.requireNonNull(http, "http");
            Objects.requireNonNull(inbox, "inbox");
            Objects.requireNonNull(lastSeen, "lastSeen");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(metrics, "metrics");
            Objects.requireNonNull(jdbi, "jdbi");
        }

        /**
         * The shared client (one connection pool) with a channel's timeout for connecting, writing and each read; a
         * whole call never takes longer than twice the timeout.
         */
        public OkHttpClient http(Duration timeout) {
            return http.newBuilder()
                    .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .writeTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .callTimeout(timeout.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS)
                    .build();
        }
    }

    /** A webhook route: {@code POST path}, handled by {@code handler}. */
    record Webhook(String path, Handler handler) {
        public Webhook {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(handler, "handler");
        }
    }

    /**
     * How a channel is made: what its ids look like (known without running it, e.g. to {@code keys create}) and how
     * to build it from its configuration block and secrets.
     */
    record Definition(IdFormat ids, Factory factory) {
        public Definition {
            Objects.requireNonNull(ids, "ids");
            Objects.requireNonNull(factory, "factory");
        }
    }

    /** Builds a channel's module, unstarted. */
    @FunctionalInterface
    interface Factory {
        ChannelModule create(Context context, AppConfig config, Secrets secrets);
    }

    Channel channel();

    Webhook webhook();

    /** Starts what the channel runs in the background (learning the bot's identity, catching up on missed events). */
    void start();

    @Override
    void close();
}
