package dev.contractgate.gate;

import java.util.List;

/** The room's state and the replies to send, in order. */
public record GateDecision(RoomState state, List<Action> actions) {
    public GateDecision {
        actions = List.copyOf(actions);
    }
}
