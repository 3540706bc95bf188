package dev.contractgate.command;

import dev.contractgate.chat.Reply;
import dev.contractgate.chat.Trigger;
import java.util.List;

/**
 * What a command produced.
 *
 * @param summarised true when the answer is a summary of the terms (the reminders then count it as posted)
 */
public record CommandResult(List<Answer> answers, boolean summarised) {
    public CommandResult {
        answers = List.copyOf(answers);
    }

    /**
     * One reply, with what it counts against: a confirm request or approval notice sent as an answer counts as the
     * one the gate would otherwise send for that application.
     *
     * @param aboutRoomId the room the answer is about, when it goes to the sender privately; else null
     */
    public record Answer(Reply reply, String cooldownKey, Trigger trigger, String aboutRoomId) {
        /** An answer in the room of the command. */
        public Answer(Reply reply, String cooldownKey, Trigger trigger) {
            this(reply, cooldownKey, trigger, null);
        }
    }
}
