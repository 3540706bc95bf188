package dev.contractgate.ledger;

import dev.contractgate.db.Attached;
import dev.contractgate.gate.RoomState;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Keeps {@code room_activity} current. A room counts as "not covered" in both the uncovered and the claimed
 * state: moving between the two does not restart the clock of the reminder about it.
 */
public final class RoomActivity {
    private RoomActivity() {
    }

    /** A message was handled in the room, whose gate state is now {@code state}; in the caller's transaction. */
    public static void saw(Handle handle, String channel, String roomId, RoomState state, Instant at) {
        RoomActivityDao dao = Attached.dao(handle, RoomActivityDao.class);
        Optional<RoomActivityDao.Activity> before = dao.find(channel, roomId);
        Instant since = before.filter(activity -> sameStanding(activity.gateState(), state))
                .map(RoomActivityDao.Activity::stateSince)
                .orElse(at);
        dao.saw(channel, roomId, at, state.id(), since);
    }

    /** The room's state was looked at again (by the reminder worker); in the caller's transaction. */
    public static Instant state(Handle handle, RoomActivityDao.Activity activity, RoomState state, Instant at) {
        if (sameStanding(activity.gateState(), state)) {
            return activity.stateSince();
        }
        handle.attach(RoomActivityDao.class).state(activity.channel(), activity.roomId(), state.id(), at);
        return at;
    }

    static boolean sameStanding(String stored, RoomState state) {
        return notCovered(stored) == notCovered(state.id()) && (notCovered(stored) || stored.equals(state.id()));
    }

    public static boolean notCovered(String state) {
        return RoomState.UNCOVERED.id().equals(state) || RoomState.CLAIMED.id().equals(state);
    }
}
