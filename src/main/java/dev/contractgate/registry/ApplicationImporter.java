package dev.contractgate.registry;

import dev.contractgate.validation.FieldError;
import dev.contractgate.validation.FieldErrors;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;
import java.util.function.IntConsumer;
import org.jdbi.v3.core.Jdbi;

/**
 * Files many applications at once for an operator (a bulk import). Each line is checked like a single
 * {@code POST /api/applications}; a line with errors changes nothing, the others are filed with their audit entries.
 * Importing the same file again files nothing twice: a line that says what a stored application says (platform,
 * reference, channel, pairing, room) answers that application, and a stored claim that a line records as confirmed
 * is confirmed.
 */
public final class ApplicationImporter {
    /** The most lines one import takes; a larger file is to be split. */
    public static final int MAX_LINES = 50_000;
    /** Lines per transaction: short enough that webhooks never wait long for the database. */
    public static final int CHUNK = 200;

    private final Jdbi jdbi;
    private final ChannelIds ids;
    private final Clock clock;
    private final ApplicationNotices notices;

    public ApplicationImporter(Jdbi jdbi, ChannelIds ids, Clock clock, ApplicationNotices notices) {
        this.jdbi = jdbi;
        this.ids = ids;
        this.clock = clock;
        this.notices = notices;
    }

    /** One input line: an application to file, or what is wrong with the line (then {@code application} is null). */
    public record Line(int number, NewApplication application, List<FieldError> errors) {
        public Line {
            errors = List.copyOf(errors);
        }
    }

    /** What became of a line: {@code filed}, {@code existing} (already stored), {@code confirmed} (a stored claim). */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Result(int line, Long id, String outcome, List<FieldError> errors) {
        public Result {
            errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
        }

        public boolean ok() {
            return errors == null;
        }
    }

    /**
     * Checks and files the lines, {@code chunk} lines per transaction, and reports progress after each chunk. Between
     * chunks the database is free for other writers (webhooks must not wait for an import); a chunk that fails leaves
     * the earlier ones filed, and importing the file again files only what is missing.
     *
     * @param notify promise the room notices of the filed and confirmed lines, in their chunk's transaction
     * @param progress told how many lines are done
     */
    public List<Result> importLines(Actor actor, List<Line> lines, boolean notify, int chunk, IntConsumer progress) {
        if (!actor.isOperator()) {
            throw new NotPermittedException("only an operator imports applications");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<Result> results = new ArrayList<>(lines.size());
        boolean promised = false;
        for (int start = 0; start < lines.size(); start += chunk) {
            List<Line> part = lines.subList(start, (int) Math.min(lines.size(), (long) start + chunk));
            promised |= jdbi.inTransaction(handle -> {
                ApplicationDao applications = handle.attach(ApplicationDao.class);
                AuditDao audit = handle.attach(AuditDao.class);
                Map<String, List<Known>> known = known(applications, part, now);
                boolean any = false;
                for (Line line : part) {
                    Result result = importLine(applications, audit, actor, line, now, known);
                    results.add(result);
                    if (notify && ("filed".equals(result.outcome()) || "confirmed".equals(result.outcome()))) {
                        Application changed = applications.find(result.id()).orElseThrow().asOf(now);
                        any |= notices.changed(handle, changed.status() == ApplicationStatus.CONFIRMED
                                ? ApplicationNotices.Change.CONFIRMED : ApplicationNotices.Change.FILED, changed, now);
                    }
                }
                return any;
            });
            progress.accept(start + part.size());
        }
        if (promised) {
            notices.committed();
        }
        return results;
    }

    /** A stored application as an import sees it: its id and status as of now. */
    private static final class Known {
        final long id;
        ApplicationStatus status;

        Known(long id, ApplicationStatus status) {
            this.id = id;
            this.status = status;
        }
    }

    /** The stored applications that lines of this chunk may repeat, by what they say. */
    private static Map<String, List<Known>> known(ApplicationDao dao, List<Line> part, Instant now) {
        Set<String> references = new HashSet<>();
        for (Line line : part) {
            if (line.application() != null && line.application().reference() != null) {
                references.add(line.application().reference());
            }
        }
        Map<String, List<Known>> known = new HashMap<>();
        if (!references.isEmpty()) {
            for (Application stored : dao.withReferences(references)) {
                known.computeIfAbsent(key(stored.platform(), stored.reference(), stored.channel(), stored.clientAccountId(),
                                stored.freelancerAccountId(), stored.roomId()), k -> new ArrayList<>())
                        .add(new Known(stored.id(), stored.asOf(now).status()));
            }
        }
        return known;
    }

    private Result importLine(ApplicationDao dao, AuditDao audit, Actor actor, Line line, Instant now,
                              Map<String, List<Known>> known) {
        if (line.application() == null) {
            return new Result(line.number(), null, null, line.errors());
        }
        FieldErrors errors = new FieldErrors();
        for (FieldError error : line.errors()) {
            errors.add(error.field(), error.message());
        }
        line.application().check(ids, now, errors);
        if (!errors.isEmpty()) {
            return new Result(line.number(), null, null, errors.list());
        }
        NewApplication application = Registry.resolve(actor, line.application());
        List<Known> same = known.computeIfAbsent(key(application.platform(), application.reference(),
                application.channel(), application.clientAccountId(), application.freelancerAccountId(),
                application.roomId()), k -> new ArrayList<>());
        Optional<Known> stored = same.stream()
                .filter(found -> found.status == ApplicationStatus.CONFIRMED || found.status == application.status())
                .findFirst();
        if (stored.isPresent()) {
            return new Result(line.number(), stored.get().id, "existing", null);
        }
        Optional<Known> claim = same.stream()
                .filter(found -> found.status == ApplicationStatus.CLAIMED && application.status() == ApplicationStatus.CONFIRMED)
                .findFirst();
        if (claim.isPresent()) {
            claim.get().status = ApplicationStatus.CONFIRMED;
            return confirm(dao, audit, actor, claim.get().id, now, line.number());
        }
        Result filed = file(dao, audit, actor, application, now, line.number());
        same.add(new Known(filed.id(), application.status()));
        return filed;
    }

    private static Result file(ApplicationDao dao, AuditDao audit, Actor actor, NewApplication application, Instant now,
                               int line) {
        long id = dao.insert(application, now);
        audit.insert(now, actor.label(), "application.filed", Application.subject(id), null, application.status(),
                Registry.describe(application) + "; imported");
        return new Result(line, id, "filed", null);
    }

    private static Result confirm(ApplicationDao dao, AuditDao audit, Actor actor, long claim, Instant now, int line) {
        if (dao.changeStatus(claim, ApplicationStatus.CLAIMED, ApplicationStatus.CONFIRMED, now) != 1) {
            throw new ConflictException("application " + claim + " changed while it was imported; import again");
        }
        audit.insert(now, actor.label(), "application.confirmed", Application.subject(claim), ApplicationStatus.CLAIMED,
                ApplicationStatus.CONFIRMED, "imported as confirmed");
        return new Result(line, claim, "confirmed", null);
    }

    private static String key(Platform platform, String reference, String channel, String client, String freelancer,
                              String room) {
        return String.join("\u0000", platform.wire(), reference, channel, client, freelancer, String.valueOf(room));
    }
}
