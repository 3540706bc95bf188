package dev.contractgate.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contractgate.registry.Application;
import dev.contractgate.registry.ApplicationQuery;
import dev.contractgate.registry.ApplicationStatus;
import dev.contractgate.registry.NewApplication;
import dev.contractgate.registry.NotFoundException;
import dev.contractgate.registry.Platform;
import dev.contractgate.registry.Registry;
import dev.contractgate.registry.Role;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * {@code /api/applications}: file, list, read, and the transitions confirm, deny and revoke (interface.md, "API").
 * Who may do what is the registry's rule; a party asking for an application that is not its own gets 404, as if it
 * did not exist.
 */
public final class ApplicationsApi {
    private static final Set<String> FIELDS = Set.of("platform", "reference", "channel", "client_account_id",
            "freelancer_account_id", "room_id", "valid_until", "filed_by", "evidence_url", "note", "status");
    private static final Set<String> TRANSITION_FIELDS = Set.of("reason");
    static final int MAX_REASON_LENGTH = 1000;

    private final ObjectMapper json;
    private final Registry registry;
    private final Clock clock;

    public ApplicationsApi(ObjectMapper json, Registry registry, Clock clock) {
        this.json = json;
        this.registry = registry;
        this.clock = clock;
    }

    public void file(Context ctx) {
        Principal principal = ApiAuth.principal(ctx);
        QueryInput.none(ctx);
        JsonInput body = JsonInput.read(json, ctx.bodyAsBytes(), FIELDS);
        NewApplication application = new NewApplication(body.oneOf("platform", Platform.ALL), body.text("reference"),
                body.text("channel"), body.text("client_account_id"), body.text("freelancer_account_id"),
                body.text("room_id"), body.time("valid_until"), body.oneOf("filed_by", List.of(Role.values())),
                body.text("evidence_url"), body.text("note"), body.oneOf("status", ApplicationStatus.INITIAL));
        application.check(registry.ids(), clock.instant(), body.errors());
        body.errors().throwIfAny("invalid application");
        Application filed = registry.file(principal.actor(), application);
        ctx.status(201).header("Location", "/api/applications/" + filed.id()).json(filed);
    }

    public void list(Context ctx) {
        Principal principal = ApiAuth.principal(ctx);
        QueryInput query = new QueryInput(ctx, "channel", "account_id", "room_id", "status", "limit");
        String channel = query.text("channel");
        String accountId = query.text("account_id");
        String roomId = query.text("room_id");
        registry.ids().channel("channel", channel, query.errors());
        registry.ids().accountId("account_id", channel, accountId, query.errors());
        registry.ids().roomId("room_id", channel, roomId, query.errors());
        ApplicationQuery applications = new ApplicationQuery(channel, accountId, roomId,
                query.oneOf("status", List.of(ApplicationStatus.values())), query.limit());
        query.errors().throwIfAny("invalid query");
        ctx.json(registry.applications(principal.actor(), applications));
    }

    public void one(Context ctx) {
        QueryInput.none(ctx);
        ctx.json(registry.application(ApiAuth.principal(ctx).actor(), id(ctx)));
    }

    public void confirm(Context ctx) {
        change(ctx, Registry.Transition.CONFIRM);
    }

    public void deny(Context ctx) {
        change(ctx, Registry.Transition.DENY);
    }

    public void revoke(Context ctx) {
        change(ctx, Registry.Transition.REVOKE);
    }

    /** A transition, with an optional {@code {"reason"}} that goes into the audit log. */
    private void change(Context ctx, Registry.Transition transition) {
        Principal principal = ApiAuth.principal(ctx);
        long id = id(ctx);
        QueryInput.none(ctx);
        JsonInput body = JsonInput.read(json, ctx.bodyAsBytes(), TRANSITION_FIELDS);
        String reason = body.text("reason");
        body.errors().text("reason", reason, MAX_REASON_LENGTH);
        body.errors().throwIfAny("invalid request");
        ctx.json(registry.change(principal.actor(), id, transition, reason == null ? null : reason.strip()));
    }

    private static long id(Context ctx) {
        String id = ctx.pathParam("id");
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFoundException("no application " + id);
        }
    }
}
