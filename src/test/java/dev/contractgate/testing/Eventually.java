package dev.contractgate.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for something the service does in the background. The limit is generous: it guards against hangs, it measures nothing. */
public final class Eventually {
    private static final Duration LIMIT = Duration.ofSeconds(20);

    private Eventually() {
    }

    public static void await(String what, BooleanSupplier condition) {
        await(what, LIMIT, condition);
    }

    /** With a limit of its own: a new JVM starting the whole service on a loaded machine takes longer than a worker's pass. */
    public static void await(String what, Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still not true after " + limit.toSeconds() + " s: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what);
            }
        }
    }
}
