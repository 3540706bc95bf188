package dev.contractgate.chat;

import java.util.Objects;

/**
 * A reply written in a channel's notation.
 *
 * @param body the message text as it will appear (what the outbox shows)
 * @param payload what else the channel needs to post it (Teams: the mention entities), or null
 */
public record Rendered(String body, String payload) {
    public Rendered {
        Objects.requireNonNull(body, "body");
    }

    public static Rendered text(String body) {
        return new Rendered(body, null);
    }
}
