package dev.contractgate.inbox;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores deliveries with group commit: one thread takes every delivery waiting at that moment and inserts them in
 * one transaction, so many concurrent webhooks share one disk sync instead of queueing for SQLite's single writer.
 * {@link #append} returns only once its row is committed: what the webhook acknowledges is durable.
 */
public final class InboxAppendWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(InboxAppendWorker.class);
    private static final int MAX_BATCH = 256;
    private static final Duration WAIT_FOR_COMMIT = Duration.ofSeconds(10);

    private record Pending(NewInboxEvent event, CompletableFuture<Boolean> stored) {
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private volatile Runnable afterCommit = () -> { };
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(4 * MAX_BATCH * 8);
    private final Thread thread;
    private volatile boolean running;

    /** @param afterCommit called after every commit that stored something (wakes the processing worker) */
    public InboxAppendWorker(Jdbi jdbi, Clock clock, Runnable afterCommit) {
        this(jdbi, clock);
        this.afterCommit = afterCommit;
    }

    /** A worker whose commits wake nothing until {@link #afterCommit(Runnable)} says what. */
    public InboxAppendWorker(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.thread = new Thread(this::run, "inbox-append");
    }

    /**
     * What to call after every commit that stored something (wakes the processing worker). Set once at start-up: the
     * channels' webhooks need this worker before the processing worker, which needs the channels, exists.
     */
    public void afterCommit(Runnable afterCommit) {
        this.afterCommit = afterCommit;
    }

    public void start() {
        running = true;
        thread.start();
    }

    /**
     * Stores a delivery and waits for the commit.
     *
     * @return true when stored, false when the same delivery was stored before
     * @throws InboxUnavailableException when it could not be stored in time
     */
    public boolean append(NewInboxEvent event) {
        if (!running) {
            throw new InboxUnavailableException("the inbox is not accepting deliveries (shutting down)", null);
        }
        Pending pending = new Pending(event, new CompletableFuture<>());
        try {
            if (!queue.offer(pending, 1, TimeUnit.SECONDS)) {
                throw new InboxUnavailableException("the inbox queue is full", null);
            }
            return pending.stored().get(WAIT_FOR_COMMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InboxUnavailableException("interrupted while storing the delivery", e);
        } catch (TimeoutException e) {
            throw new InboxUnavailableException("the database did not commit the delivery within " + WAIT_FOR_COMMIT, e);
        } catch (ExecutionException e) {
            throw new InboxUnavailableException("the delivery could not be stored: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * Stores the events of one delivery and waits until all are committed (they usually share one commit).
     *
     * @return for each event, true when stored, false when it was stored before
     * @throws InboxUnavailableException when one could not be stored in time: the delivery is then not acknowledged,
     *         and its redelivery stores what is missing (what was stored is not stored twice)
     */
    public List<Boolean> appendAll(List<NewInboxEvent> events) {
        if (!running) {
            throw new InboxUnavailableException("the inbox is not accepting deliveries (shutting down)", null);
        }
        List<Pending> pendings = new ArrayList<>();
        try {
            for (NewInboxEvent event : events) {
                Pending pending = new Pending(event, new CompletableFuture<>());
                if (!queue.offer(pending, 1, TimeUnit.SECONDS)) {
                    throw new InboxUnavailableException("the inbox queue is full", null);
                }
                pendings.add(pending);
            }
            long deadline = System.nanoTime() + WAIT_FOR_COMMIT.toNanos();
            List<Boolean> stored = new ArrayList<>();
            for (Pending pending : pendings) {
                stored.add(pending.stored().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
            return stored;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InboxUnavailableException("interrupted while storing the delivery", e);
        } catch (TimeoutException e) {
            throw new InboxUnavailableException("the database did not commit the delivery within " + WAIT_FOR_COMMIT, e);
        } catch (ExecutionException e) {
            throw new InboxUnavailableException("the delivery could not be stored: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                batch.clear();
            }
        }
        Pending left;
        while ((left = queue.poll()) != null) {
            left.stored().completeExceptionally(new IllegalStateException("shut down before the delivery was stored"));
        }
    }

    private void write(List<Pending> batch) {
        try {
            boolean[] stored = insert(batch);
            finish(batch, stored);
        } catch (RuntimeException batchFailure) {
            if (batch.size() == 1) {
                log.error("inbox: cannot store delivery {} {}: {}", batch.get(0).event().eventType(),
                        batch.get(0).event().messageId(), batchFailure.getMessage());
                batch.get(0).stored().completeExceptionally(batchFailure);
                return;
            }
            // One bad row must not fail its neighbours: store them one by one.
            for (Pending pending : batch) {
                write(List.of(pending));
            }
        }
    }

    private boolean[] insert(List<Pending> batch) {
        boolean[] stored = new boolean[batch.size()];
        jdbi.useTransaction(handle -> {
            InboxDao dao = handle.attach(InboxDao.class);
            for (int i = 0; i < batch.size(); i++) {
                stored[i] = dao.insert(batch.get(i).event(), clock.instant()) == 1;
            }
        });
        return stored;
    }

    private void finish(List<Pending> batch, boolean[] stored) {
        boolean any = false;
        for (int i = 0; i < batch.size(); i++) {
            any |= stored[i];
            batch.get(i).stored().complete(stored[i]);
        }
        if (any) {
            afterCommit.run();
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(WAIT_FOR_COMMIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
