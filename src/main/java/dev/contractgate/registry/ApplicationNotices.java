package dev.contractgate.registry;

import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * Tells the rooms of an application about a change to it (a confirm request for a new claim, an approval notice for a
 * confirmation, …). The registry calls it inside the transaction that makes the change, so the notice is promised
 * exactly when the change commits, whoever made it: the API, a page, a chat command, the command line, an import with
 * {@code notify}, or the expiry of its validity.
 */
public interface ApplicationNotices {
    /** Nothing is posted at once (tools and tests that run no channels). */
    ApplicationNotices NONE = (handle, change, application, now, prompt) -> false;

    /** What happened to an application. */
    enum Change {
        /** Filed as a claim: the other party is asked to confirm it. */
        FILED,
        /** Confirmed (or filed as confirmed by an operator). */
        CONFIRMED,
        DENIED,
        REVOKED,
        /** Its {@code valid_until} passed. */
        EXPIRED
    }

    /**
     * Promises the notices for one change, in the caller's transaction.
     *
     * @param application as it stands after the change
     * @param prompt the chat message that asked for the change, or null (the API, a page, the command line, expiry)
     * @return true when something was promised (then {@link #committed()} is called after the commit)
     */
    boolean changed(Handle handle, Change change, Application application, Instant now, Prompt prompt);

    /** As {@link #changed(Handle, Change, Application, Instant, Prompt)}, for a change no chat message asked for. */
    default boolean changed(Handle handle, Change change, Application application, Instant now) {
        return changed(handle, change, application, now, null);
    }

    /** The transaction that promised notices committed: they may be sent now. */
    default void committed() {
    }
}
