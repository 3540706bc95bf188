package dev.contractgate.registry;

import dev.contractgate.chat.IdFormat;
import dev.contractgate.validation.FieldErrors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The channels the registry accepts and what their ids look like, as each channel says ({@link IdFormat}); the
 * registry itself knows no channel. Every id is also bounded and printable, whatever its channel.
 */
public final class ChannelIds {
    public static final int MAX_ID_LENGTH = 256;

    /** Any channel's ids: printable characters (any script), no spaces or controls. */
    private static final Pattern ANY_ID = Pattern.compile("[\\p{L}\\p{M}\\p{N}\\p{P}\\p{S}]{1," + MAX_ID_LENGTH + "}");

    private final Map<String, IdFormat> formats = new LinkedHashMap<>();

    public ChannelIds(List<? extends IdFormat> formats) {
        formats.forEach(format -> this.formats.put(format.channel(), format));
    }

    public List<String> names() {
        return List.copyOf(formats.keySet());
    }

    public void channel(String field, String channel, FieldErrors errors) {
        if (channel != null && !formats.containsKey(channel)) {
            errors.add(field, "must be one of " + String.join(", ", formats.keySet()) + ", got '" + channel + "'");
        }
    }

    /** Checks an account id of {@code channel}, when present (see {@link #roomId}). */
    public void accountId(String field, String channel, String id, FieldErrors errors) {
        check(field, channel, id, errors, format -> format.accountIdProblem(id));
    }

    /**
     * Checks a room id of {@code channel}, when present: against the channel's own form when the channel is known,
     * else against what any channel's ids look like ({@link #anyId}).
     */
    public void roomId(String field, String channel, String id, FieldErrors errors) {
        check(field, channel, id, errors, format -> format.roomIdProblem(id));
    }

    /**
     * Checks an id whose channel is not known (a filter over every channel), when present: printable characters of
     * any script, no spaces, at most {@link #MAX_ID_LENGTH}.
     */
    public static void anyId(String field, String id, FieldErrors errors) {
        if (id != null && !ANY_ID.matcher(id).matches()) {
            errors.add(field, "must be an account or room id: 1 to " + MAX_ID_LENGTH
                    + " printable characters without spaces");
        }
    }

    private void check(String field, String channel, String id, FieldErrors errors,
                       Function<IdFormat, Optional<String>> problem) {
        if (id == null) {
            return;
        }
        if (!ANY_ID.matcher(id).matches() || channel == null || !formats.containsKey(channel)) {
            anyId(field, id, errors);
            return;
        }
        problem.apply(formats.get(channel)).ifPresent(message -> errors.add(field, message));
    }
}
