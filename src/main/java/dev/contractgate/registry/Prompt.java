package dev.contractgate.registry;

import dev.contractgate.chat.ReplyHandle;
import java.util.Objects;

/**
 * The chat message that asked for a registry change (a command such as 申請 or 確認): the notice the change promises
 * in that message's room answers it, through its reply handle where the channel gave one (a LINE reply token is free,
 * a push is not).
 *
 * @param roomId the room the message was written in
 * @param replyHandle what the channel gave to answer the message, or null
 */
public record Prompt(String roomId, ReplyHandle replyHandle) {
    public Prompt {
        Objects.requireNonNull(roomId, "roomId");
    }
}
