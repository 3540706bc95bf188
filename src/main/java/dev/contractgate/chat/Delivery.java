package dev.contractgate.chat;

/** What became of a reply the channel was asked to post and did not fail. */
public sealed interface Delivery permits Delivery.Sent, Delivery.Held {

    /** Posted; the channel gave the message this id. */
    record Sent(String remoteMessageId) implements Delivery {
    }

    /** Not posted on purpose (a dry run), with why. */
    record Held(String note) implements Delivery {
    }
}
