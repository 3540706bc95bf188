package dev.contractgate.chat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The way out of a channel without outbound credentials: it reads nothing (the room's members are the roster of who
 * has spoken) and holds every reply, so the outbox records it as {@code held} and nothing is sent.
 */
public final class DryRun implements Outbound {
    private final String reason;

    /** @param reason why this is a dry run, e.g. "CHATWORK_API_TOKEN is not set" */
    public DryRun(String reason) {
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    /**
     * What {@code /ready} says about a dry run ({@link ChannelState.Mode#DRY}): that it is one, why, and what it cannot
     * do; {@code alsoCannot} adds what this channel cannot do besides.
     */
    public Map<String, Object> details(List<String> alsoCannot) {
        List<String> cannot = new ArrayList<>();
        cannot.add("post replies: " + reason + ", so they are recorded as held");
        cannot.add("read a room's members: a room is the roster of who has spoken");
        cannot.addAll(alsoCannot);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("dry_run", true);
        details.put("dry_run_reason", reason);
        details.put("cannot", cannot);
        return details;
    }

    @Override
    public boolean dryRun() {
        return true;
    }

    @Override
    public Members members(String roomId, String conversation) {
        return new Members.Unlisted("dry run: " + reason);
    }

    @Override
    public Delivery post(Outgoing message) {
        return new Delivery.Held("dry run: " + reason + "; recorded, never sent");
    }

    @Override
    public Settlement settle(Outgoing message) {
        return Settlement.NOT_POSTED;
    }

    @Override
    public Pacing pacing() {
        return Pacing.NONE;
    }

    @Override
    public Optional<Budget> budget() {
        return Optional.empty();
    }
}
