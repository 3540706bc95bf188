package dev.contractgate.chat;

import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Acts on one event from a room. Called by the inbox worker, at least once per stored event. */
@FunctionalInterface
public interface ChatEventHandler {
    void handle(ChatEvent event) throws Exception;

    /**
     * Does what deciding on the event needs (network reads, analysis) and returns the writes that carry the decision,
     * for the caller to commit in its own transaction together with other events'; empty when the event must be
     * handled alone through {@link #handle}. An event that changes what later events see (members joining, a command
     * changing the registry) goes alone, so it is committed before the next one is staged.
     */
    default Optional<Staged> stage(ChatEvent event) throws Exception {
        return Optional.empty();
    }

    /** One event's writes, committed in a transaction the caller owns. */
    interface Staged {
        /** Writes, and reads what it decides on, through {@code handle} only: it runs inside the caller's transaction. */
        void commit(Handle handle);

        /** Called once the caller's transaction committed. */
        default void committed() {
        }
    }
}
