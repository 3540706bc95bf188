package dev.contractgate.command;

import dev.contractgate.chat.Reply;
import dev.contractgate.chat.Trigger;
import java.util.List;

/**
 * What a command produced.
 *
 * @param summarised true when the answer is a summary of the terms (the reminders then count it as posted)
 * @param registeredInDirectChat true when the sender registered as a freelancer in a one-to-one chat with the bot:
 *                               the bot may reach them privately there
 */
public record CommandResult(List<Answer> answers, boolean summarised, boolean registeredInDirectChat) {
    public CommandResult {
        answers = List.copyOf(answers);
    }

    public CommandResult(List<Answer> answers, boolean summarised) {
        this(answers, summarised, false);
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
