package dev.contractgate.registry;

import dev.contractgate.validation.FieldErrors;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Parties and off-platform contact applications, with the lifecycle rules (product.md, "Application lifecycle"):
 * {@code claimed → confirmed | denied} by the party that did not file the claim or an operator,
 * {@code confirmed → revoked} by either party or an operator, {@code expired} derived from {@code valid_until}.
 * Every change is written with its audit entry in one transaction; nothing is deleted or overwritten.
 */
public final class Registry {
    private final Jdbi jdbi;
    private final ChannelIds ids;
    private final Clock clock;
    private final PartyDao parties;
    private final ApplicationDao applications;
    private final AuditDao audit;
    private final ApplicationNotices notices;

    /** A registry that tells no room of its changes (tools and tests that run no channels). */
    public Registry(Jdbi jdbi, ChannelIds ids, Clock clock) {
        this(jdbi, ids, clock, ApplicationNotices.NONE);
    }

    /** @param notices told of every change to an application, in the change's transaction */
    public Registry(Jdbi jdbi, ChannelIds ids, Clock clock, ApplicationNotices notices) {
        this.jdbi = jdbi;
        this.notices = notices;
        this.ids = ids;
        this.clock = clock;
        this.parties = jdbi.onDemand(PartyDao.class);
        this.applications = jdbi.onDemand(ApplicationDao.class);
        this.audit = jdbi.onDemand(AuditDao.class);
    }

    /** The result of registering a party: the party as stored, and whether this call created it. */
    public record Registration(Party party, boolean created) {
    }

    /** The state changes of an application: what they start from, lead to, and who may make them. */
    public enum Transition {
        CONFIRM(ApplicationStatus.CLAIMED, ApplicationStatus.CONFIRMED, "application.confirmed", true,
                ApplicationNotices.Change.CONFIRMED),
        DENY(ApplicationStatus.CLAIMED, ApplicationStatus.DENIED, "application.denied", true,
                ApplicationNotices.Change.DENIED),
        REVOKE(ApplicationStatus.CONFIRMED, ApplicationStatus.REVOKED, "application.revoked", false,
                ApplicationNotices.Change.REVOKED);

        private final ApplicationStatus from;
        private final ApplicationStatus to;
        private final String action;
        private final boolean notByFiler;
        private final ApplicationNotices.Change change;

        Transition(ApplicationStatus from, ApplicationStatus to, String action, boolean notByFiler,
                   ApplicationNotices.Change change) {
            this.change = change;
            this.from = from;
            this.to = to;
            this.action = action;
            this.notByFiler = notByFiler;
        }

        public ApplicationStatus from() {
            return from;
        }

        public ApplicationStatus to() {
            return to;
        }

        String verb() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The channels the registry accepts, and what their ids look like. */
    public ChannelIds ids() {
        return ids;
    }

    public Optional<Party> findParty(String channel, String accountId) {
        return parties.find(channel, accountId);
    }

    /** The registered parties among these accounts of one channel (for a room's members: who is a freelancer). */
    public List<Party> parties(String channel, List<String> accountIds) {
        return accountIds.isEmpty() ? List.of() : parties.findAll(channel, accountIds);
    }

    public List<Party> parties(PartyQuery query) {
        return parties.list(query);
    }

    /**
     * Registers a party. A party may register only itself; an operator anyone. Registering the same account again with
     * the same role changes nothing and returns the stored party; with another role it is a conflict.
     */
    public Registration registerParty(Actor actor, NewParty party) {
        FieldErrors errors = new FieldErrors();
        party.check(ids, errors);
        errors.throwIfAny("invalid party");
        if (!actor.isOperator() && !(actor.role() == party.role() && actor.channel().equals(party.channel())
                && actor.accountId().equals(party.accountId()))) {
            throw new NotPermittedException("a " + actor.role().wire() + " key registers only its own account, as "
                    + actor.role().wire() + " " + actor.channel() + ":" + actor.accountId());
        }
        return jdbi.inTransaction(handle -> {
            PartyDao dao = handle.attach(PartyDao.class);
            Instant now = now();
            boolean created = dao.insert(party, now) == 1;
            Party stored = dao.find(party.channel(), party.accountId()).orElseThrow();
            if (stored.role() != party.role()) {
                throw new ConflictException(party.channel() + ":" + party.accountId() + " is already registered as "
                        + stored.role().wire());
            }
            if (created) {
                handle.attach(AuditDao.class).insert(now, actor.label(), "party.registered", "party:" + stored.id(),
                        null, null, stored.role().wire() + " " + stored.channel() + ":" + stored.accountId()
                                + (stored.name() == null ? "" : " (" + stored.name() + ")"));
            }
            return new Registration(stored, created);
        });
    }

    /**
     * Files an application. A party files only for its own side of the pairing and only as a claim; an operator may
     * file for anyone and may record an application as already confirmed.
     */
    public Application file(Actor actor, NewApplication application) {
        return file(actor, application, null);
    }

    /** As {@link #file(Actor, NewApplication)}, asked for by a chat message: the room's notice answers it. */
    public Application file(Actor actor, NewApplication application, Prompt prompt) {
        Instant now = now();
        FieldErrors errors = new FieldErrors();
        application.check(ids, now, errors);
        errors.throwIfAny("invalid application");
        NewApplication resolved = resolve(actor, application);
        return noticed(handle -> {
            long id = handle.attach(ApplicationDao.class).insert(resolved, now);
            handle.attach(AuditDao.class).insert(now, actor.label(), "application.filed", Application.subject(id),
                    null, resolved.status(), describe(resolved));
            Application filed = handle.attach(ApplicationDao.class).find(id).orElseThrow().asOf(now);
            return new Noticed(filed, notices.changed(handle, filed.status() == ApplicationStatus.CONFIRMED
                    ? ApplicationNotices.Change.CONFIRMED : ApplicationNotices.Change.FILED, filed, now, prompt));
        });
    }

    /** A change and whether it promised notices. */
    private record Noticed(Application application, boolean promised) {
    }

    /** Runs a change in one transaction and, once it committed, lets the notices it promised go out. */
    private Application noticed(org.jdbi.v3.core.HandleCallback<Noticed, RuntimeException> change) {
        Noticed done = jdbi.inTransaction(change);
        if (done.promised()) {
            notices.committed();
        }
        return done.application();
    }

    /**
     * Notices every application whose validity ended and that nobody noticed yet: in one transaction each, the mark,
     * an audit entry and the expiry notices. Safe on several instances: the mark's row count decides who notices.
     *
     * @return how many expiries were noticed
     */
    public int noticeExpiries(int limit) {
        Instant now = now();
        int noticed = 0;
        for (Application expired : applications.expiredUnnoticed(now, limit)) {
            Application done = noticed(handle -> {
                if (handle.attach(ApplicationDao.class).markExpiryNoticed(expired.id(), now) != 1) {
                    return new Noticed(null, false);
                }
                Application current = expired.asOf(now);
                handle.attach(AuditDao.class).insert(now, "system", "application.expired", current.subject(),
                        expired.status(), ApplicationStatus.EXPIRED, "valid until " + expired.validUntil());
                return new Noticed(current, notices.changed(handle, ApplicationNotices.Change.EXPIRED, current, now));
            });
            noticed += done == null ? 0 : 1;
        }
        return noticed;
    }

    static NewApplication resolve(Actor actor, NewApplication application) {
        ApplicationStatus status = application.status() == null ? ApplicationStatus.CLAIMED : application.status();
        if (actor.isOperator()) {
            return application.resolved(application.filedBy() == null ? Role.OPERATOR : application.filedBy(), status);
        }
        String side = actor.role() == Role.CLIENT ? "client_account_id" : "freelancer_account_id";
        String ownAccount = actor.role() == Role.CLIENT ? application.clientAccountId() : application.freelancerAccountId();
        if (!actor.channel().equals(application.channel()) || !actor.accountId().equals(ownAccount)) {
            throw new NotPermittedException("a " + actor.role().wire() + " key files only applications whose " + side
                    + " is its own account " + actor.channel() + ":" + actor.accountId());
        }
        if (application.filedBy() != null && application.filedBy() != actor.role()) {
            throw new NotPermittedException("a " + actor.role().wire() + " key files applications as "
                    + actor.role().wire() + ", not as " + application.filedBy().wire());
        }
        if (status != ApplicationStatus.CLAIMED) {
            throw new NotPermittedException("a party files a claim; only an operator records a confirmed application");
        }
        return application.resolved(actor.role(), status);
    }

    static String describe(NewApplication application) {
        return application.platform().wire() + " " + application.reference() + "; client " + application.channel() + ":"
                + application.clientAccountId() + ", freelancer " + application.channel() + ":"
                + application.freelancerAccountId() + (application.roomId() == null ? ", any room" : ", room "
                + application.roomId()) + (application.validUntil() == null ? "" : ", valid until "
                + application.validUntil());
    }

    /** One application, if the actor may see it. */
    public Application application(Actor actor, long id) {
        return applications.find(id)
                .filter(actor::canSee)
                .map(found -> found.asOf(now()))
                .orElseThrow(() -> new NotFoundException("no application " + id));
    }

    /** Applications matching the query; a party sees only those where it is the client or freelancer its role says. */
    public List<Application> applications(Actor actor, ApplicationQuery query) {
        String client = null;
        String freelancer = null;
        if (!actor.isOperator()) {
            if (query.channel() != null && !query.channel().equals(actor.channel())) {
                return List.of();
            }
            query = new ApplicationQuery(actor.channel(), query.accountId(), query.roomId(), query.status(), query.limit());
            client = actor.role() == Role.CLIENT ? actor.accountId() : null;
            freelancer = actor.role() == Role.FREELANCER ? actor.accountId() : null;
        }
        Instant now = now();
        return applications.list(query, client, freelancer, now).stream().map(found -> found.asOf(now)).toList();
    }

    /** Every application of one pairing that names this room or no room, newest first (for the chat commands). */
    public List<Application> pairing(String channel, String roomId, String clientAccountId, String freelancerAccountId) {
        Instant now = now();
        return applications.pairing(channel, roomId, clientAccountId, freelancerAccountId).stream()
                .map(found -> found.asOf(now)).toList();
    }

    public Application confirm(Actor actor, long id) {
        return change(actor, id, Transition.CONFIRM, null);
    }

    /** As {@link #confirm(Actor, long)}, asked for by a chat message: the room's notice answers it. */
    public Application confirm(Actor actor, long id, Prompt prompt) {
        return change(actor, id, Transition.CONFIRM, null, prompt);
    }

    public Application deny(Actor actor, long id, String reason) {
        return change(actor, id, Transition.DENY, reason);
    }

    public Application revoke(Actor actor, long id, String reason) {
        return change(actor, id, Transition.REVOKE, reason);
    }

    /**
     * Makes one transition, race-safe on both databases: the status is re-checked by a conditional UPDATE whose row
     * count decides, in the transaction that also writes the audit entry. Of two racing changes one wins; the other
     * gets a {@link ConflictException} and leaves no trace.
     *
     * @param reason optional, kept in the audit entry
     */
    public Application change(Actor actor, long id, Transition transition, String reason) {
        return change(actor, id, transition, reason, null);
    }

    /** As {@link #change(Actor, long, Transition, String)}; {@code prompt} is the chat message that asked, or null. */
    public Application change(Actor actor, long id, Transition transition, String reason, Prompt prompt) {
        return noticed(handle -> {
            Instant now = now();
            ApplicationDao dao = handle.attach(ApplicationDao.class);
            Application current = dao.find(id).filter(actor::canSee)
                    .orElseThrow(() -> new NotFoundException("no application " + id)).asOf(now);
            checkAllowed(actor, current, transition);
            if (dao.changeStatus(id, transition.from(), transition.to(), now) != 1) {
                throw refused(current.id(), transition, dao.find(id).orElseThrow().asOf(now).status());
            }
            handle.attach(AuditDao.class).insert(now, actor.label(), transition.action, current.subject(),
                    current.status(), transition.to(), reason);
            Application changed = dao.find(id).orElseThrow().asOf(now);
            return new Noticed(changed, notices.changed(handle, transition.change, changed, now, prompt));
        });
    }

    private static void checkAllowed(Actor actor, Application current, Transition transition) {
        if (current.status() != transition.from()) {
            throw refused(current.id(), transition, current.status());
        }
        if (transition.notByFiler && !actor.isOperator() && actor.role() == current.filedBy()) {
            throw new ConflictException("application " + current.id() + " was filed by the " + actor.role().wire()
                    + ": the other party or an operator must " + transition.verb() + " it");
        }
    }

    private static ConflictException refused(long id, Transition transition, ApplicationStatus status) {
        return new ConflictException("application " + id + " is " + status.wire() + ": only a "
                + transition.from().wire() + " application can be " + transition.to().wire());
    }

    /**
     * Whether a counterpart is covered in a room (product.md, "Room gate"). Among several covering applications a
     * room-scoped one is preferred to a room-less one, then the newest.
     */
    public Coverage coverage(String channel, String roomId, String counterpartAccountId, List<String> freelancerAccountIds,
                             Instant now) {
        if (freelancerAccountIds.isEmpty()) {
            return Coverage.NONE;
        }
        List<Application> live = applications.live(channel, roomId, counterpartAccountId, freelancerAccountIds, now);
        Application covering = live.stream()
                .filter(application -> application.status() == ApplicationStatus.CONFIRMED)
                .min(Comparator.comparing((Application application) -> application.roomId() == null))
                .orElse(null);
        Application pending = live.stream()
                .filter(application -> application.status() == ApplicationStatus.CLAIMED)
                .findFirst()
                .orElse(null);
        return new Coverage(covering, pending);
    }

    /** Audit entries at or after {@code since} (all when null), newest first. */
    public List<AuditEntry> audit(Instant since, int limit) {
        return audit.list(since, limit);
    }

    /**
     * Audit entries matching every filter given (null: any), newest first: at or after {@code since}, an exact action
     * and subject, an actor whose label contains {@code actor}.
     */
    public List<AuditEntry> audit(Instant since, String action, String subject, String actor, int limit) {
        String pattern = actor == null ? null
                : "%" + actor.replace("\\", "").replace("%", "") + "%";
        return audit.search(since, action, subject, pattern, limit);
    }

    /** Every audit entry about one application, oldest first. */
    public List<AuditEntry> history(long applicationId) {
        return audit.about(Application.subject(applicationId));
    }

    /** Stored times have millisecond precision; so does everything the registry hands out. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
