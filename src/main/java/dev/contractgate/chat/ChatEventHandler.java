package dev.contractgate.chat;

/** Acts on one event from a room. Called by the inbox worker, at least once per stored event. */
@FunctionalInterface
public interface ChatEventHandler {
    void handle(ChatEvent event) throws Exception;
}
