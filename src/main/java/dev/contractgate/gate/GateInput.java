package dev.contractgate.gate;

import dev.contractgate.chat.ChatEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the gate decides on.
 *
 * @param coverage by counterpart account id; a missing counterpart counts as not covered
 * @param alreadyAlerted keys of findings of this message that were alerted on before (an edit)
 * @param lastSent when each cooldown key of the room was last used
 * @param messagesSinceBotSpoke messages people wrote in the room since the bot last spoke there, this one included
 */
public record GateInput(ChatEvent event, RoomView room, Map<String, Coverage> coverage, List<Observation> observations,
                        Set<String> alreadyAlerted, Map<String, Instant> lastSent, Instant now, int messagesSinceBotSpoke) {
    /** Input without a count of messages: the budget never holds the bot back. */
    public GateInput(ChatEvent event, RoomView room, Map<String, Coverage> coverage, List<Observation> observations,
                     Set<String> alreadyAlerted, Map<String, Instant> lastSent, Instant now) {
        this(event, room, coverage, observations, alreadyAlerted, lastSent, now, Integer.MAX_VALUE);
    }

    public GateInput {
        coverage = Map.copyOf(coverage);
        observations = List.copyOf(observations);
        alreadyAlerted = Set.copyOf(alreadyAlerted);
        lastSent = Map.copyOf(lastSent);
    }

    public Coverage coverageOf(String accountId) {
        return coverage.getOrDefault(accountId, Coverage.NONE);
    }
}
