package dev.contractgate.web;

import dev.contractgate.registry.Registry;
import io.javalin.http.Context;
import java.time.Instant;

/** {@code GET /api/audit?since=&limit=}: the audit log, newest first, for operators. */
public final class AuditApi {
    private final Registry registry;

    public AuditApi(Registry registry) {
        this.registry = registry;
    }

    public void list(Context ctx) {
        ApiAuth.operator(ctx);
        QueryInput query = new QueryInput(ctx, "since", "limit");
        Instant since = query.time("since");
        int limit = query.limit();
        query.errors().throwIfAny("invalid query");
        ctx.json(registry.audit(since, limit));
    }
}
