package dev.contractgate.bot;

import dev.contractgate.chat.ChatEvent;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * What happens when a sender takes a message back ({@link ChatEvent.Type#MESSAGE_RETRACTED}: LINE's unsend, a deleted
 * Teams message), in the transaction that records the event as handled. The ledger keeps what was said; marking
 * the message's terms as retracted is the ledger's to do here.
 */
@FunctionalInterface
public interface RetractionHook {
    /** Keeps everything as it was (nothing is ever deleted). */
    RetractionHook KEEP = (handle, event, now) -> { };

    void retracted(Handle handle, ChatEvent event, Instant now);
}
