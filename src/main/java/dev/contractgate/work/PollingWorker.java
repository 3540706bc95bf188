package dev.contractgate.work;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker thread that runs passes: after each pass it idles for as long as the pass asks (at most the poll
 * interval) unless {@link #wake()} is called. A failing pass is logged and retried after the poll interval; it
 * never ends the thread.
 */
public abstract class PollingWorker implements AutoCloseable {
    private final Logger log = LoggerFactory.getLogger(getClass());
    private final Duration pollInterval;
    private final Semaphore wakeUp = new Semaphore(0);
    private final Thread thread;
    private volatile boolean running;
    private volatile boolean closing;

    protected PollingWorker(String threadName, Duration pollInterval) {
        this.pollInterval = pollInterval;
        this.thread = new Thread(this::run, threadName);
    }

    /**
     * One pass of work.
     *
     * @return how long to idle before the next pass; zero or negative to go on at once
     */
    protected abstract Duration pass();

    public final void start() {
        running = true;
        thread.start();
    }

    /** Something new arrived: run a pass now rather than after the idle time. */
    public final void wake() {
        wakeUp.release();
    }

    /** True once {@link #close()} was called: a pass should stop taking new work. */
    protected final boolean closing() {
        return closing;
    }

    private void run() {
        while (running) {
            try {
                Duration idle = pass();
                if (idle.compareTo(pollInterval) > 0) {
                    idle = pollInterval;
                }
                if (!idle.isNegative() && !idle.isZero()) {
                    wakeUp.tryAcquire(idle.toMillis(), TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("{}: pass failed, retrying after {}: {}", thread.getName(), pollInterval, e.getMessage(), e);
                try {
                    Thread.sleep(pollInterval.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        closing = true;
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
