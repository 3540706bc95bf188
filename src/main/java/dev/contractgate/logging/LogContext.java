package dev.contractgate.logging;

import java.util.function.Supplier;
import org.slf4j.MDC;

/** Ids that every log line of a piece of work carries (room, channel, event or outbox id), as fields of the JSON log. */
public final class LogContext {
    private LogContext() {
    }

    /** Runs {@code work} with these {@code key, value} pairs in the MDC, and removes them afterwards. */
    public static void run(Runnable work, String... keysAndValues) {
        call(() -> {
            work.run();
            return null;
        }, keysAndValues);
    }

    /** {@link #run} for work with a result. */
    public static <T> T call(Supplier<T> work, String... keysAndValues) {
        for (int i = 0; i < keysAndValues.length; i += 2) {
            MDC.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        try {
            return work.get();
        } finally {
            for (int i = 0; i < keysAndValues.length; i += 2) {
                MDC.remove(keysAndValues[i]);
            }
        }
    }
}
