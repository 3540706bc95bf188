package dev.contractgate.registry;

import dev.contractgate.chat.IdFormat;
import dev.contractgate.validation.FieldErrors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The channels the registry accepts and what their ids look like, as each channel says ({@link IdFormat}); the
 * registry itself knows no channel. Every id is also bounded and printable, whatever its channel.
 */
public final class ChannelIds {
    public static final int MAX_ID_LENGTH = 256;

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

    /** Checks an account id of {@code channel}, when both are present and the channel is known. */
    public void accountId(String field, String channel, String id, FieldErrors errors) {
        check(field, channel, id, errors, format -> format.accountIdProblem(id));
    }

    /** Checks a room id of {@code channel}, when both are present and the channel is known. */
    public void roomId(String field, String channel, String id, FieldErrors errors) {
        check(field, channel, id, errors, format -> format.roomIdProblem(id));
    }

    private void check(String field, String channel, String id, FieldErrors errors,
                       java.util.function.Function<IdFormat, Optional<String>> problem) {
        if (id == null || channel == null || !formats.containsKey(channel)) {
            return;
        }
        if (id.length() > MAX_ID_LENGTH || id.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
            errors.add(field, "must be 1 to " + MAX_ID_LENGTH + " characters without spaces or control characters");
            return;
        }
        problem.apply(formats.get(channel)).ifPresent(message -> errors.add(field, message));
    }
}
