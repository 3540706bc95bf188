package dev.contractgate.web.pages;

import dev.contractgate.chat.Member;
import dev.contractgate.command.RoomSummary;
import dev.contractgate.ledger.Ledger;
import dev.contractgate.pages.LinkAction;
import dev.contractgate.pages.PageLink;
import dev.contractgate.pages.PageLinks;
import dev.contractgate.registry.Actor;
import dev.contractgate.registry.Application;
import dev.contractgate.registry.ApplicationQuery;
import dev.contractgate.registry.ApplicationStatus;
import dev.contractgate.registry.ConflictException;
import dev.contractgate.registry.NewApplication;
import dev.contractgate.registry.NotFoundException;
import dev.contractgate.registry.NotPermittedException;
import dev.contractgate.registry.Platform;
import dev.contractgate.registry.Registry;
import dev.contractgate.registry.Role;
import dev.contractgate.room.RoomInspector;
import dev.contractgate.validation.FieldError;
import dev.contractgate.validation.FieldErrors;
import dev.contractgate.validation.InvalidInputException;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pages of a single-use link, {@code /l/{token}}: the client's (file an application for the room's pairing) and
 * the freelancer's (confirm or deny the claim waiting for them). Opening a link only shows its page; each POST checks
 * the form's CSRF token, that the link is live and is for this action, and that this browser may act with it, then
 * uses the link up and makes the change through the registry, as the person the link is bound to.
 */
public final class LinkPages {
    static final int MAX_REASON_LENGTH = 1000;

    private final PageLinks links;
    private final Registry registry;
    private final RoomInspector inspector;
    private final Ledger ledger;
    private final RoomSummary summaries;
    private final PageRenderer renderer;
    private final Browser browser;
    private final AttemptLimiter limiter;
    private final ZoneId zone;
    private final Clock clock;

    public LinkPages(PageLinks links, Registry registry, RoomInspector inspector, Ledger ledger, RoomSummary summaries,
                     PageRenderer renderer, Browser browser, AttemptLimiter limiter, ZoneId zone, Clock clock) {
        this.links = links;
        this.registry = registry;
        this.inspector = inspector;
        this.ledger = ledger;
        this.summaries = summaries;
        this.renderer = renderer;
        this.browser = browser;
        this.limiter = limiter;
        this.zone = zone;
        this.clock = clock;
    }

    /** {@code GET /l/{token}}: shows the page; never uses the link up (a chat app's link preview opens it too). */
    public void show(Context ctx) {
        PageLink link = live(ctx);
        if (link == null) {
            return;
        }
        render(ctx, 200, link, null, List.of(), Map.of(), null);
    }

    /** {@code POST /l/{token}/code}: a one-time code for this browser, to post in the room. */
    public void code(Context ctx) {
        PageLink link = liveForm(ctx);
        if (link == null) {
            return;
        }
        String code = link.sentPrivately() ? null : links.newCode(link, browser.secret(ctx));
        render(ctx, 200, link, code, List.of(), Map.of(), null);
    }

    /** {@code POST /l/{token}/file}: the client files an application for the room's pairing. */
    public void file(Context ctx) {
        PageLink link = actionable(ctx, LinkAction.CLIENT);
        if (link == null) {
            return;
        }
        Page page = renderer.page(ctx, "title.client", null, false);
        Map<String, String> form = new LinkedHashMap<>();
        for (String field : List.of("platform", "reference", "valid_until", "evidence_url", "note", "freelancer")) {
            String value = ctx.formParam(field);
            if (value != null && !value.isBlank()) {
                form.put(field, value.strip());
            }
        }
        List<Member> freelancers = freelancers(link);
        FieldErrors errors = new FieldErrors();
        String freelancer = form.getOrDefault("freelancer",
                freelancers.size() == 1 ? freelancers.get(0).accountId() : null);
        if (freelancer == null || freelancers.stream().noneMatch(member -> member.accountId().equals(freelancer))) {
            errors.add("freelancer", "must be a freelancer registered in this room");
        }
        NewApplication application = new NewApplication(errors.oneOf("platform", form.get("platform"), Platform.ALL),
                form.get("reference"), link.channel(), link.accountId(), freelancer, link.roomId(),
                validUntil(form.get("valid_until"), errors), Role.CLIENT, form.get("evidence_url"), form.get("note"), null);
        application.check(registry.ids(), clock.instant(), errors);
        if (!errors.isEmpty()) {
            render(ctx, 400, link, null, messages(page, errors.list()), form, null);
            return;
        }
        if (!links.use(link)) {
            refused(ctx, links.refusal(Optional.of(link)).orElse(PageLinks.Refusal.USED));
            return;
        }
        try {
            Application filed = registry.file(actor(link), application);
            render(ctx, 201, link, null, List.of(), Map.of(), filed);
        } catch (InvalidInputException e) {
            render(ctx, 400, link, null, messages(page, e.errors()), form, null);
        } catch (NotPermittedException | ConflictException e) {
            renderer.error(ctx, 409, "error.conflict", "detail", e.getMessage());
        }
    }

    /** {@code POST /l/{token}/confirm}: the freelancer confirms a claim the client filed. */
    public void confirm(Context ctx) {
        change(ctx, Registry.Transition.CONFIRM);
    }

    /** {@code POST /l/{token}/deny}: the freelancer denies it, with an optional reason. */
    public void deny(Context ctx) {
        change(ctx, Registry.Transition.DENY);
    }

    private void change(Context ctx, Registry.Transition transition) {
        PageLink link = actionable(ctx, LinkAction.FREELANCER);
        if (link == null) {
            return;
        }
        String reason = ctx.formParam("reason");
        reason = reason == null || reason.isBlank() ? null : reason.strip();
        Long id = parseId(ctx.formParam("application_id"));
        Optional<Application> claim = claims(link).stream().filter(application -> id != null && application.id() == id)
                .findFirst();
        if (claim.isEmpty()) {
            renderer.error(ctx, 404, "error.not_claim");
            return;
        }
        if (reason != null && reason.length() > MAX_REASON_LENGTH) {
            renderer.error(ctx, 400, "error.generic", "detail", "reason: must be at most " + MAX_REASON_LENGTH + " characters");
            return;
        }
        if (!links.use(link)) {
            refused(ctx, links.refusal(Optional.of(link)).orElse(PageLinks.Refusal.USED));
            return;
        }
        Page page = renderer.page(ctx, "title.freelancer", null, false);
        try {
            Application changed = registry.change(actor(link), claim.get().id(), transition, reason);
            String done = page.t(transition == Registry.Transition.CONFIRM ? "freelancer.confirmed" : "freelancer.denied",
                    "id", changed.id());
            render(ctx, 200, link, null, List.of(), Map.of(), null, done);
        } catch (ConflictException | NotPermittedException | NotFoundException e) {
            renderer.error(ctx, 409, "error.conflict", "detail", e.getMessage());
        }
    }

    /** The link of the path when it can still be used; otherwise the refusal page was rendered and null returned. */
    private PageLink live(Context ctx) {
        if (limiter.blocked(ctx.ip())) {
            renderer.error(ctx, 429, "error.rate");
            return null;
        }
        Optional<PageLink> link = links.find(ctx.pathParam("token"));
        Optional<PageLinks.Refusal> refusal = links.refusal(link);
        if (refusal.isPresent()) {
            if (refusal.get() == PageLinks.Refusal.UNKNOWN) {
                limiter.failed(ctx.ip());
            }
            refused(ctx, refusal.get());
            return null;
        }
        return link.get();
    }

    /** As {@link #live}, for a posted form: it must carry this browser's CSRF token. */
    private PageLink liveForm(Context ctx) {
        if (!browser.formIsOurs(ctx)) {
            renderer.error(ctx, 403, "error.csrf");
            return null;
        }
        return live(ctx);
    }

    /** As {@link #liveForm}, and the link must be for this action and this browser allowed to act with it. */
    private PageLink actionable(Context ctx, LinkAction action) {
        PageLink link = liveForm(ctx);
        if (link == null) {
            return null;
        }
        if (link.linkAction() != action) {
            renderer.error(ctx, 403, "error.wrong_link");
            return null;
        }
        if (!links.mayAct(link, browser.sent(ctx))) {
            renderer.error(ctx, 403, "error.needs_code");
            return null;
        }
        return link;
    }

    private void refused(Context ctx, PageLinks.Refusal refusal) {
        switch (refusal) {
            case EXPIRED -> renderer.error(ctx, 410, "error.link_expired");
            case USED -> renderer.error(ctx, 410, "error.link_used");
            default -> renderer.error(ctx, 404, "error.link_unknown");
        }
    }

    private void render(Context ctx, int status, PageLink link, String code, List<String> errors, Map<String, String> form,
                        Application filed) {
        render(ctx, status, link, code, errors, form, filed, null);
    }

    private void render(Context ctx, int status, PageLink link, String code, List<String> errors, Map<String, String> form,
                        Application filed, String done) {
        boolean client = link.linkAction() == LinkAction.CLIENT;
        Page page = renderer.page(ctx, client ? "title.client" : "title.freelancer", browser.csrf(ctx), false);
        Map<String, String> names = names(link);
        boolean mayAct = links.mayAct(link, browser.sent(ctx) != null ? browser.sent(ctx) : ctx.attribute(Browser.COOKIE));
        String command = code == null ? null : page.t("code.command", "code", code);
        LinkView view = new LinkView(ctx.pathParam("token"), link.channel(), link.roomId(),
                names.getOrDefault(link.accountId(), link.accountId()), link.expiresAt(), mayAct, code, command, errors);
        if (client) {
            renderer.render(ctx, status, "client.jte", Map.of("page", page, "view", new ClientView(view, freelancers(link),
                    registry.applications(actor(link), inRoom(link, null)), form, filed)));
            return;
        }
        Actor actor = actor(link);
        renderer.render(ctx, status, "freelancer.jte", Map.of("page", page, "view", new FreelancerView(view,
                done == null ? claims(link) : List.of(), registry.applications(actor, inRoom(link, null)),
                ledger.history(link.channel(), link.roomId()), summaries.text(link.channel(), link.roomId()), names, done)));
    }

    /** The claims in the link's room that wait for its freelancer's confirmation (filed by the other side). */
    private List<Application> claims(PageLink link) {
        return registry.applications(actor(link), inRoom(link, ApplicationStatus.CLAIMED)).stream()
                .filter(application -> application.filedBy() != Role.FREELANCER)
                .filter(application -> link.roomId().equals(application.roomId()) || application.roomId() == null)
                .toList();
    }

    private static ApplicationQuery inRoom(PageLink link, ApplicationStatus status) {
        return new ApplicationQuery(link.channel(), null, link.roomId(), status, 100);
    }

    private List<Member> freelancers(PageLink link) {
        return inspector.standing(link.channel(), link.roomId()).map(room -> room.members().stream()
                .filter(member -> member.role().equals("freelancer"))
                .map(member -> new Member(member.accountId(), member.name() == null ? member.accountId() : member.name()))
                .toList()).orElse(List.of());
    }

    private Map<String, String> names(PageLink link) {
        Map<String, String> names = new LinkedHashMap<>();
        inspector.standing(link.channel(), link.roomId()).ifPresent(room -> room.members().forEach(member -> {
            if (member.name() != null) {
                names.put(member.accountId(), member.name());
            }
        }));
        return names;
    }

    private static Actor actor(PageLink link) {
        Role role = link.linkAction() == LinkAction.CLIENT ? Role.CLIENT : Role.FREELANCER;
        return Actor.party(role, link.channel(), link.accountId(), "page link " + link.id());
    }

    /** A date from the form's date field: valid through the end of that day where the people are. */
    private java.time.Instant validUntil(String raw, FieldErrors errors) {
        if (raw == null) {
            return null;
        }
        try {
            return LocalDate.parse(raw).plusDays(1).atStartOfDay(zone).toInstant().minusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
        } catch (DateTimeParseException e) {
            errors.add("valid_until", "must be a date such as 2030-03-31");
            return null;
        }
    }

    private static Long parseId(String raw) {
        try {
            return raw == null ? null : Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static List<String> messages(Page page, List<FieldError> errors) {
        return errors.stream().map(error -> page.tOr("field." + error.field(), error.field()) + ": " + error.message()).toList();
    }
}
