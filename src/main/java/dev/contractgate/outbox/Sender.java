package dev.contractgate.outbox;

import dev.contractgate.chat.SendException;

/** Carries out one outbox entry. The real one posts through the channel; the dry run holds the entry and logs it. */
public interface Sender {
    /** What became of an entry that did not fail. */
    sealed interface Result permits Sent, Held {
    }

    /** Posted; the channel gave it this id. */
    record Sent(String remoteMessageId) implements Result {
    }

    /** Not posted on purpose (dry run). */
    record Held(String note) implements Result {
    }

    /** @throws SendException when posting failed */
    Result send(OutboxEntry entry);

    /** True when sends count against the channel's rate limits and must be paced. */
    boolean paced();
}
