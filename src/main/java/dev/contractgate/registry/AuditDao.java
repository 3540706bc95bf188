package dev.contractgate.registry;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The audit log is append-only: there is no update and no delete here, and there must never be. */
@RegisterConstructorMapper(AuditEntry.class)
public interface AuditDao {

    @SqlUpdate("""
            INSERT INTO audit_entry (at, actor, action, subject, status_before, status_after, detail)
            VALUES (:at, :actor, :action, :subject, :statusBefore, :statusAfter, :detail)
            """)
    void insert(Instant at, String actor, String action, String subject, ApplicationStatus statusBefore,
                ApplicationStatus statusAfter, String detail);

    /** Entries at or after {@code since} (all when null), newest first. */
    @SqlQuery("SELECT * FROM audit_entry WHERE (:since IS NULL OR at >= :since) ORDER BY id DESC LIMIT :limit")
    List<AuditEntry> list(Instant since, int limit);

    /**
     * Entries matching every filter given (null: any), newest first: an exact action and subject, and an actor label
     * containing {@code actor}.
     */
    @SqlQuery("""
            SELECT * FROM audit_entry
            WHERE (:since IS NULL OR at >= :since) AND (:action IS NULL OR action = :action)
              AND (:subject IS NULL OR subject = :subject) AND (:actorPattern IS NULL OR actor LIKE :actorPattern)
            ORDER BY id DESC LIMIT :limit
            """)
    List<AuditEntry> search(Instant since, String action, String subject, String actorPattern, int limit);

    /** Every entry about one subject, oldest first. */
    @SqlQuery("SELECT * FROM audit_entry WHERE subject = :subject ORDER BY id")
    List<AuditEntry> about(String subject);
}
