package dev.contractgate.chat;

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

    /** What {@code /ready} says about a dry run: that it is one, why, and what it cannot do. */
    public java.util.Map<String, Object> details() {
        return java.util.Map.of("dry_run", true, "dry_run_reason", reason,
                "cannot", "post replies or read member lists (the members are who has spoken)");
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
