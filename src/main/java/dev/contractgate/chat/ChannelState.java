package dev.contractgate.chat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a channel stands, as {@code /ready} reports it. A channel whose inbound secret is unset is {@link Mode#OFF} (its
 * webhook answers 503, and readiness ignores it); one whose outbound credential is unset runs {@link Mode#DRY} (events
 * are processed, replies are held); otherwise it is {@link Mode#WORKING}, or {@link Mode#FAILING} with the reason.
 *
 * @param problem why a failing channel cannot work, else null
 * @param details for operators: what a dry run cannot do, the budget left, and the like (snake_case keys)
 */
public record ChannelState(String channel, Mode mode, String problem, Map<String, Object> details) {
    /** A channel's mode. */
    public enum Mode {
        OFF, DRY, WORKING, FAILING;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public ChannelState {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(mode, "mode");
        details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** True unless the channel is off: readiness waits for it. */
    public boolean counts() {
        return mode != Mode.OFF;
    }

    /** True when the channel does what it can: working, or a dry run. */
    public boolean ok() {
        return mode == Mode.WORKING || mode == Mode.DRY;
    }
}
