package dev.contractgate.registry;

/**
 * What the registry knows of one counterpart in one room, for the gate.
 *
 * @param covering a confirmed, unexpired application pairing the counterpart (as client) with one of the room's
 *        freelancers, naming this room or no room; null when there is none
 * @param pending the newest unexpired claim for such a pairing, still waiting for confirmation; null when there is none
 */
public record Coverage(Application covering, Application pending) {
    public static final Coverage NONE = new Coverage(null, null);

    public boolean covered() {
        return covering != null;
    }
}
