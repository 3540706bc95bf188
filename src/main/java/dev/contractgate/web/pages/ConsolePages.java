package dev.contractgate.web.pages;

import dev.contractgate.outbox.DeadLetters;
import dev.contractgate.outbox.OutboxDao;
import dev.contractgate.outbox.OutboxEntry;
import dev.contractgate.pages.ConsoleSession;
import dev.contractgate.pages.ConsoleSessions;
import dev.contractgate.registry.ApiKey;
import dev.contractgate.registry.ApiKeys;
import dev.contractgate.registry.Application;
import dev.contractgate.registry.ApplicationImporter;
import dev.contractgate.registry.ApplicationQuery;
import dev.contractgate.registry.ApplicationStatus;
import dev.contractgate.registry.ConflictException;
import dev.contractgate.registry.IssuedKey;
import dev.contractgate.registry.NewApiKey;
import dev.contractgate.registry.NotFoundException;
import dev.contractgate.registry.NotPermittedException;
import dev.contractgate.registry.Registry;
import dev.contractgate.registry.Role;
import dev.contractgate.room.RoomDao;
import dev.contractgate.room.RoomInspector;
import dev.contractgate.validation.FieldError;
import dev.contractgate.validation.FieldErrors;
import dev.contractgate.validation.InvalidInputException;
import dev.contractgate.web.ApplicationLines;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * The operator console's pages: claims waiting for confirmation, rooms and their gate, the outbox with its repairs,
 * the audit log, keys and the import. Every page needs a live session and every form its CSRF token
 * ({@link ConsoleAuth}); every change goes through the same service the API uses, as the signed-in operator.
 */
public final class ConsolePages {
    static final int LIST_LIMIT = 200;
    static final List<String> OUTBOX_STATUSES = List.of(OutboxEntry.PENDING, OutboxEntry.SENDING, OutboxEntry.SENT,
            OutboxEntry.HELD, OutboxEntry.DEAD, OutboxEntry.DISCARDED, OutboxEntry.DEFERRED);

    /** What the console's services are. */
    public record Services(Registry registry, RoomInspector inspector, DeadLetters deadLetters, Jdbi jdbi, ApiKeys keys,
                           ConsoleSessions sessions, ApplicationLines lines, ApplicationImporter importer) {
    }

    private final ConsoleAuth auth;
    private final Services services;
    private final PageRenderer renderer;
    private final ZoneId zone;
    private final Clock clock;

    public ConsolePages(ConsoleAuth auth, Services services, PageRenderer renderer, ZoneId zone, Clock clock) {
        this.auth = auth;
        this.services = services;
        this.renderer = renderer;
        this.zone = zone;
        this.clock = clock;
    }

    public void claims(Context ctx) {
        ConsoleSession session = auth.page(ctx);
        if (session != null) {
            claims(ctx, session, 200, null);
        }
    }

    private void claims(Context ctx, ConsoleSession session, int status, String notice) {
        List<Application> claims = services.registry().applications(ConsoleAuth.actor(session),
                new ApplicationQuery(null, null, null, ApplicationStatus.CLAIMED, LIST_LIMIT));
        render(ctx, status, "console/claims.jte", auth.frame(ctx, session, "title.console.claims"),
                Map.of("notice", Optional.ofNullable(notice), "claims", claims));
    }

    public void confirmClaim(Context ctx) {
        changeClaim(ctx, Registry.Transition.CONFIRM, "console.claims.confirmed");
    }

    public void denyClaim(Context ctx) {
        changeClaim(ctx, Registry.Transition.DENY, "console.claims.denied");
    }

    private void changeClaim(Context ctx, Registry.Transition transition, String done) {
        ConsoleSession session = auth.form(ctx);
        if (session == null) {
            return;
        }
        long id = id(ctx);
        String reason = ctx.formParam("reason");
        reason = reason == null || reason.isBlank() ? null : reason.strip();
        if (reason != null && reason.length() > LinkPages.MAX_REASON_LENGTH) {
            renderer.error(ctx, 400, "error.generic", "detail", "reason: must be at most " + LinkPages.MAX_REASON_LENGTH
                    + " characters");
            return;
        }
        String why = reason;
        if (!act(ctx, () -> services.registry().change(ConsoleAuth.actor(session), id, transition, why))) {
            return;
        }
        claims(ctx, session, 200, auth.frame(ctx, session, "title.console.claims").t(done, "id", id));
    }

    public void rooms(Context ctx) {
        ConsoleSession session = auth.page(ctx);
        if (session == null) {
            return;
        }
        String gate = ctx.queryParam("gate");
        gate = gate == null || gate.isBlank() ? null : gate;
        List<ConsoleRoom> rooms = new ArrayList<>();
        for (RoomDao.KnownRoom known : services.inspector().knownRooms(null)) {
            if (rooms.size() == LIST_LIMIT) {
                break;
            }
            Optional<RoomInspector.RoomReport> report = services.inspector().standing(known.channel(), known.roomId());
            if (report.isPresent() && (gate == null || gate.equals(report.get().state().id()))) {
                rooms.add(new ConsoleRoom(known.channel(), known.roomId(), report.get().state().id(), known.lastMessageAt(),
                        report.get().members()));
            }
        }
        render(ctx, 200, "console/rooms.jte", auth.frame(ctx, session, "title.console.rooms"),
                Map.of("rooms", rooms, "gate", Optional.ofNullable(gate)));
    }

    public void outbox(Context ctx) {
        ConsoleSession session = auth.page(ctx);
        if (session != null) {
            outbox(ctx, session, null);
        }
    }

    private void outbox(Context ctx, ConsoleSession session, String notice) {
        String status = ctx.queryParam("status");
        status = status == null || !OUTBOX_STATUSES.contains(status) ? null : status;
        List<OutboxEntry> entries = services.jdbi().onDemand(OutboxDao.class).list(status, null, LIST_LIMIT);
        render(ctx, 200, "console/outbox.jte", auth.frame(ctx, session, "title.console.outbox"),
                Map.of("notice", Optional.ofNullable(notice), "entries", entries, "status", Optional.ofNullable(status),
                        "statuses", OUTBOX_STATUSES));
    }

    public void retry(Context ctx) {
        repair(ctx, true);
    }

    public void discard(Context ctx) {
        repair(ctx, false);
    }

    private void repair(Context ctx, boolean retry) {
        ConsoleSession session = auth.form(ctx);
        if (session == null) {
            return;
        }
        long id = id(ctx);
        if (!act(ctx, () -> retry ? services.deadLetters().retry(ConsoleAuth.actor(session), id)
                : services.deadLetters().discard(ConsoleAuth.actor(session), id))) {
            return;
        }
        outbox(ctx, session, auth.frame(ctx, session, "title.console.outbox")
                .t(retry ? "console.outbox.retried" : "console.outbox.discarded", "id", id));
    }

    public void audit(Context ctx) {
        ConsoleSession session = auth.page(ctx);
        if (session == null) {
            return;
        }
        AuditFilter filter = new AuditFilter(query(ctx, "action"), query(ctx, "subject"), query(ctx, "actor"),
                query(ctx, "since"));
        Instant since = null;
        if (!filter.since().isEmpty()) {
            try {
                since = LocalDate.parse(filter.since()).atStartOfDay(zone).toInstant();
            } catch (DateTimeParseException e) {
                renderer.error(ctx, 400, "error.generic", "detail", "since: must be a date such as 2030-03-31");
                return;
            }
        }
        render(ctx, 200, "console/audit.jte", auth.frame(ctx, session, "title.console.audit"), Map.of("entries",
                services.registry().audit(since, blankToNull(filter.action()), blankToNull(filter.subject()),
                        blankToNull(filter.actor()), LIST_LIMIT), "filter", filter));
    }

    public void keys(Context ctx) {
        ConsoleSession session = auth.page(ctx);
        if (session != null) {
            keys(ctx, session, 200, null, null);
        }
    }

    private void keys(Context ctx, ConsoleSession session, int status, String notice, String created) {
        Map<String, Object> params = new HashMap<>();
        params.put("notice", notice);
        params.put("created", created);
        params.put("keys", services.keys().list(null, null, null, LIST_LIMIT));
        params.put("now", clock.instant());
        params.put("page", auth.frame(ctx, session, "title.console.keys"));
        renderer.render(ctx, status, "console/keys.jte", params);
    }

    /** {@code POST /console/keys}: the new key is on this answer once, and never again. */
    public void createKey(Context ctx) {
        ConsoleSession session = auth.form(ctx);
        if (session == null) {
            return;
        }
        FieldErrors errors = new FieldErrors();
        Instant expires = null;
        String expiresAt = blankToNull(query(ctx::formParam, "expires_at"));
        if (expiresAt != null) {
            try {
                expires = LocalDate.parse(expiresAt).plusDays(1).atStartOfDay(zone).toInstant();
            } catch (DateTimeParseException e) {
                errors.add("expires_at", "must be a date such as 2030-03-31");
            }
        }
        NewApiKey request = new NewApiKey(errors.oneOf("role", blankToNull(query(ctx::formParam, "role")), List.of(Role.values())),
                blankToNull(query(ctx::formParam, "channel")), blankToNull(query(ctx::formParam, "account_id")),
                blankToNull(query(ctx::formParam, "name")), expires);
        request.check(services.keys().ids(), errors);
        request.checkExpiry(clock.instant(), errors);
        if (!errors.isEmpty()) {
            renderer.error(ctx, 400, "error.generic", "detail", describe(errors.list()));
            return;
        }
        IssuedKey issued = services.keys().create(ConsoleAuth.actor(session), request);
        ctx.header("Cache-Control", "no-store");
        keys(ctx, session, 201, null, issued.secret());
    }

    /** {@code POST /console/keys/{id}/revoke}: the key is refused from now on, and its console sessions end. */
    public void revokeKey(Context ctx) {
        ConsoleSession session = auth.form(ctx);
        if (session == null) {
            return;
        }
        long id = id(ctx);
        if (!act(ctx, () -> services.keys().revoke(ConsoleAuth.actor(session), id))) {
            return;
        }
        services.sessions().endForKey(id);
        if (session.keyId() != null && session.keyId() == id) {
            auth.start(ctx);
            return;
        }
        keys(ctx, session, 200, auth.frame(ctx, session, "title.console.keys").t("console.keys.revoked", "id", id), null);
    }

    public void importForm(Context ctx) {
        ConsoleSession session = auth.page(ctx);
        if (session != null) {
            importPage(ctx, session, 200, null);
        }
    }

    /** {@code POST /console/import}: a CSV or JSON Lines file, as {@code POST /api/applications/import} takes it. */
    public void importFile(Context ctx) {
        ConsoleSession session = auth.form(ctx);
        if (session == null) {
            return;
        }
        UploadedFile file = ctx.uploadedFile("file");
        if (file == null || file.size() == 0) {
            renderer.error(ctx, 400, "error.generic", "detail", "file: choose a CSV or JSON Lines file");
            return;
        }
        ApplicationLines.Format format = ApplicationLines.Format.ofFileName(file.filename() == null ? "" : file.filename());
        byte[] body;
        try (InputStream in = file.content()) {
            body = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("the uploaded file cannot be read", e);
        }
        List<ApplicationImporter.Result> results;
        try {
            results = services.importer().importLines(ConsoleAuth.actor(session),
                    services.lines().read(body, StandardCharsets.UTF_8, format), "true".equals(ctx.formParam("notify")),
                    ApplicationImporter.CHUNK, done -> { });
        } catch (InvalidInputException e) {
            renderer.error(ctx, 400, "error.generic", "detail", e.getMessage() + ": " + describe(e.errors()));
            return;
        }
        importPage(ctx, session, 200, results);
    }

    private void importPage(Context ctx, ConsoleSession session, int status, List<ApplicationImporter.Result> results) {
        Map<String, Object> params = new HashMap<>();
        params.put("page", auth.frame(ctx, session, "title.console.import"));
        params.put("results", results);
        renderer.render(ctx, status, "console/import.jte", params);
    }

    /** Runs a change; a refusal (conflict, not found, not permitted) is rendered and false returned. */
    private boolean act(Context ctx, java.util.function.Supplier<?> change) {
        try {
            change.get();
            return true;
        } catch (ConflictException e) {
            renderer.error(ctx, 409, "error.conflict", "detail", e.getMessage());
        } catch (NotFoundException e) {
            renderer.error(ctx, 404, "error.generic", "detail", e.getMessage());
        } catch (NotPermittedException e) {
            renderer.error(ctx, 403, "error.generic", "detail", e.getMessage());
        } catch (InvalidInputException e) {
            renderer.error(ctx, 400, "error.generic", "detail", describe(e.errors()));
        }
        return false;
    }

    private void render(Context ctx, int status, String template, Page page, Map<String, Object> values) {
        Map<String, Object> params = new HashMap<>();
        params.put("page", page);
        values.forEach((key, value) -> params.put(key, value instanceof Optional<?> optional ? optional.orElse(null) : value));
        renderer.render(ctx, status, template, params);
    }

    private static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new NotFoundException("no such entry: " + ctx.pathParam("id"));
        }
    }

    private static String query(Context ctx, String name) {
        return query(ctx::queryParam, name);
    }

    private static String query(java.util.function.Function<String, String> read, String name) {
        String value = read.apply(name);
        return value == null ? "" : value.strip();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String describe(List<FieldError> errors) {
        return errors.stream().map(error -> error.field() + ": " + error.message()).collect(Collectors.joining("; "));
    }
}
