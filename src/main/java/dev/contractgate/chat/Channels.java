package dev.contractgate.chat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The channels this service runs, by name: the one place that says which channel names exist. A name that is not
 * here is refused everywhere with the same words ({@link #unknown(String)}): an event is ignored, a reply is given
 * up, a room is not found, an API field or a CLI option is invalid.
 */
public final class Channels {
    private final Map<String, Channel> byName = new LinkedHashMap<>();

    public Channels(List<? extends Channel> channels) {
        for (Channel channel : channels) {
            if (byName.putIfAbsent(channel.name(), channel) != null) {
                throw new IllegalArgumentException("two channels named " + channel.name());
            }
        }
    }

    /** The channel of that name, or empty when the service has none. */
    public Optional<Channel> find(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
    }

    /** The channel of that name; throws {@link IllegalArgumentException} with {@link #unknown} otherwise. */
    public Channel get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(unknown(name)));
    }

    public List<Channel> all() {
        return List.copyOf(byName.values());
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** Why a name is refused: the one wording for an unknown channel. */
    public String unknown(String name) {
        return "no channel named '" + name + "' (known: " + String.join(", ", byName.keySet()) + ")";
    }
}
