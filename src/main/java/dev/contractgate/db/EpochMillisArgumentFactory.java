package dev.contractgate.db;

import java.sql.Types;
import java.time.Instant;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

/** Binds an {@link Instant} as epoch milliseconds, the storage format of every {@code *_at} column. */
final class EpochMillisArgumentFactory extends AbstractArgumentFactory<Instant> {
    EpochMillisArgumentFactory() {
        super(Types.BIGINT);
    }

    @Override
    protected Argument build(Instant value, ConfigRegistry config) {
        return (position, statement, context) -> statement.setLong(position, value.toEpochMilli());
    }
}
