package dev.contractgate.registry;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Rows as stored: a status read here is not yet {@link Application#asOf aged}. */
@RegisterConstructorMapper(Application.class)
public interface ApplicationDao {

    /** @return the new id */
    @SqlQuery("""
            INSERT INTO application (platform, reference, channel, client_account_id, freelancer_account_id, room_id,
                                     status, filed_by, valid_until, evidence_url, note, created_at, updated_at)
            VALUES (:platform, :reference, :channel, :clientAccountId, :freelancerAccountId, :roomId,
                    :status, :filedBy, :validUntil, :evidenceUrl, :note, :now, :now)
            RETURNING id
            """)
    long insert(@BindMethods NewApplication application, Instant now);

    @SqlQuery("SELECT * FROM application WHERE id = :id")
    Optional<Application> find(long id);

    /**
     * Moves an application from {@code from} to {@code to} unless something else moved it first or it has expired.
     * The condition is re-checked on the row itself, so of two racing changes exactly one updates it.
     *
     * @return 1 when changed, 0 when the application was no longer {@code from} (or had expired)
     */
    @SqlUpdate("""
            UPDATE application SET status = :to, updated_at = :now
            WHERE id = :id AND status = :from AND (valid_until IS NULL OR valid_until > :now)
            """)
    int changeStatus(long id, ApplicationStatus from, ApplicationStatus to, Instant now);

    /** Unexpired claims and confirmations pairing the client with any of the freelancers, in this room or any room; newest first. */
    @SqlQuery("""
            SELECT * FROM application
            WHERE channel = :channel AND client_account_id = :clientAccountId
              AND freelancer_account_id IN (<freelancerAccountIds>)
              AND (room_id IS NULL OR room_id = :roomId)
              AND status IN ('claimed', 'confirmed')
              AND (valid_until IS NULL OR valid_until > :now)
            ORDER BY id DESC
            """)
    List<Application> live(String channel, String roomId, String clientAccountId,
                           @BindList List<String> freelancerAccountIds, Instant now);

    /** Every application of one pairing that names this room or no room, whatever its status; newest first. */
    @SqlQuery("""
            SELECT * FROM application
            WHERE channel = :channel AND client_account_id = :clientAccountId
              AND freelancer_account_id = :freelancerAccountId
              AND (room_id IS NULL OR room_id = :roomId)
            ORDER BY id DESC
            """)
    List<Application> pairing(String channel, String roomId, String clientAccountId, String freelancerAccountId);

    /**
     * A filtered list, newest first. {@code client} and {@code freelancer} restrict a party to its own side;
     * {@code status} is compared with the status as of {@code now}.
     */
    @SqlQuery("""
            SELECT * FROM application
            WHERE (:channel IS NULL OR channel = :channel)
              AND (:accountId IS NULL OR client_account_id = :accountId OR freelancer_account_id = :accountId)
              AND (:roomId IS NULL OR room_id = :roomId)
              AND (:client IS NULL OR client_account_id = :client)
              AND (:freelancer IS NULL OR freelancer_account_id = :freelancer)
              AND (:status IS NULL OR :status = CASE
                     WHEN status IN ('claimed', 'confirmed') AND valid_until IS NOT NULL AND valid_until <= :now
                     THEN 'expired' ELSE status END)
            ORDER BY id DESC LIMIT :limit
            """)
    List<Application> list(@BindMethods ApplicationQuery query, String client, String freelancer, Instant now);

    /** Every application with one of these references (an import looks for the ones it would file twice). */
    @SqlQuery("SELECT * FROM application WHERE reference IN (<references>) ORDER BY id")
    List<Application> withReferences(@BindList java.util.Collection<String> references);

    /** Claims and confirmations whose validity ended at or before {@code now} and whose expiry nobody noticed yet. */
    @SqlQuery("""
            SELECT * FROM application
            WHERE status IN ('claimed', 'confirmed') AND valid_until IS NOT NULL AND valid_until <= :now
              AND expiry_noticed_at IS NULL
            ORDER BY valid_until, id LIMIT :limit
            """)
    List<Application> expiredUnnoticed(Instant now, int limit);

    /** Marks the expiry of one application as noticed; 1 for the caller that did it first. */
    @SqlUpdate("UPDATE application SET expiry_noticed_at = :now WHERE id = :id AND expiry_noticed_at IS NULL")
    int markExpiryNoticed(long id, Instant now);
}
