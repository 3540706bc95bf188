package dev.contractgate.chat;

/**
 * What made the bot reply: the rule, the message and the matched text.
 *
 * @param match null when the reply is about the room rather than a passage
 */
public record Trigger(String rule, String messageId, String match) {
}
