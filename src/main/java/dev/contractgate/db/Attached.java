package dev.contractgate.db;

import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.config.JdbiConfig;

/**
 * SQL Objects attached once per handle. Attaching builds a handler for every method of the interface (the outbox's
 * has two dozen), which cost more than the statements themselves when a batch of events attached the same few
 * interfaces for each event. Jdbi gives each handle its own copy of this config, so the objects live exactly as long
 * as their handle and are never shared between threads.
 */
public final class Attached implements JdbiConfig<Attached> {
    private final Map<Class<?>, Object> attached = new HashMap<>();

    public Attached() {
    }

    @Override
    public Attached createCopy() {
        return new Attached();
    }

    /** The handle's {@code type}, attached on first use. */
    public static <T> T dao(Handle handle, Class<T> type) {
        return type.cast(handle.getConfig(Attached.class).attached.computeIfAbsent(type, handle::attach));
    }
}
