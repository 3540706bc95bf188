package dev.contractgate.gate;

import java.util.Locale;

/** The gate state of a room (product.md, "Room gate"). */
public enum RoomState {
    /** No freelancer is registered in the room. */
    UNCLAIMED,
    /** Some counterpart has neither a confirmed application nor a pending claim. */
    UNCOVERED,
    /** Every counterpart has at least a pending claim, some not yet confirmed. */
    CLAIMED,
    /** Every counterpart is covered by a confirmed, unexpired application. */
    CONFIRMED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
