package dev.contractgate.db;

import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.transaction.DelegatingTransactionHandler;
import org.jdbi.v3.core.transaction.TransactionHandler;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * SQLite lets one writer in at a time and makes the others poll with growing sleeps (1, 2, 5 … 100 ms), which
 * under load turns into latency spikes of hundreds of milliseconds. Within this process, transactions therefore
 * queue on a fair lock instead; SQLite's busy timeout remains for other processes on the same file.
 * Writes must run in a transaction ({@code inTransaction}, {@code useTransaction} or {@code @Transaction}).
 */
final class SerializedWritesTransactionHandler extends DelegatingTransactionHandler {
    private final ReentrantLock lock;

    SerializedWritesTransactionHandler(TransactionHandler delegate) {
        this(delegate, new ReentrantLock(true));
    }

    private SerializedWritesTransactionHandler(TransactionHandler delegate, ReentrantLock lock) {
        super(delegate);
        this.lock = lock;
    }

    @Override
    public TransactionHandler specialize(Handle handle) throws SQLException {
        return new SerializedWritesTransactionHandler(getDelegate().specialize(handle), lock);
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, HandleCallback<R, X> callback) throws X {
        lock.lock();
        try {
            return super.inTransaction(handle, callback);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, TransactionIsolationLevel level, HandleCallback<R, X> callback) throws X {
        lock.lock();
        try {
            return super.inTransaction(handle, level, callback);
        } finally {
            lock.unlock();
        }
    }
}
