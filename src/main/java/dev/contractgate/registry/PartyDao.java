package dev.contractgate.registry;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Party.class)
public interface PartyDao {

    /** @return 1 when registered, 0 when the account was already registered (with whatever role) */
    @SqlUpdate("""
            INSERT INTO party (channel, account_id, role, name, profile_url, created_at)
            VALUES (:channel, :accountId, :role, :name, :profileUrl, :now)
            ON CONFLICT (channel, account_id) DO NOTHING
            """)
    int insert(@BindMethods NewParty party, Instant now);

    @SqlQuery("SELECT * FROM party WHERE channel = :channel AND account_id = :accountId")
    Optional<Party> find(String channel, String accountId);

    @SqlQuery("SELECT * FROM party WHERE channel = :channel AND account_id IN (<accountIds>) ORDER BY id")
    List<Party> findAll(String channel, @BindList List<String> accountIds);

    @SqlQuery("""
            SELECT * FROM party
            WHERE (:channel IS NULL OR channel = :channel)
              AND (:accountId IS NULL OR account_id = :accountId)
              AND (:role IS NULL OR role = :role)
            ORDER BY id DESC LIMIT :limit
            """)
    List<Party> list(@BindMethods PartyQuery query);
}
