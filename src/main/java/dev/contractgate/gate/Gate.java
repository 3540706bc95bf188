package dev.contractgate.gate;

import dev.contractgate.chat.ReplyKind;
import dev.contractgate.chat.Trigger;
import dev.contractgate.config.GateConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The decision (product.md, "Room gate"): for one message, given who is in the room, who is covered, what the
 * analysis found and what the bot said recently, which replies to send. Pure: no I/O, the time is passed in.
 *
 * <ul>
 *   <li>No freelancer registered: a setup notice.</li>
 *   <li>A counterpart with neither a confirmed application nor a claim: a gate warning to the freelancer and the
 *       uncovered counterparts, which says how to file and register the application.</li>
 *   <li>A pending claim: once, a request to the party that did not file it to confirm it.</li>
 *   <li>A confirmed application: once, a notice naming it, its validity and that the rest is at their own risk.</li>
 *   <li>Contact exchange while the sender's side is not covered: a contact alert.</li>
 *   <li>Negotiation of terms: a reminder to keep the history on the platform (worded by coverage).</li>
 *   <li>Always: a direct-deal alert, and a scam alert to the freelancer when a counterpart shows scam signals.</li>
 * </ul>
 * When a gate warning goes out for a message, it names what triggered it, and a contact alert or negotiation
 * reminder for the same message is folded into it rather than posted beside it.
 */
public final class Gate {
    public static final String RULE_UNCLAIMED = "gate.unclaimed";
    public static final String RULE_UNCOVERED = "gate.uncovered";
    public static final String RULE_CLAIM_PENDING = "gate.claim_pending";
    public static final String RULE_CONFIRMED = "gate.confirmed";
    public static final String RULE_BOT_ADDED = "gate.bot_added";
    private static final int MAX_MATCHES = 3;

    public static final String RULE_PRIVATE = "gate.private";

    private final GateConfig.Cooldowns cooldowns;
    private final GateConfig.Budget budget;
    private final Set<String> privateKinds;

    /** With default budget and private kinds. */
    public Gate(GateConfig.Cooldowns cooldowns) {
        this(new GateConfig(cooldowns));
    }

    public Gate(GateConfig config) {
        this.cooldowns = config.cooldowns();
        this.budget = config.budget();
        this.privateKinds = Set.copyOf(config.privateKinds());
    }

    /** A reply the gate could post about this message, before folding and the budget. */
    private record Candidate(ReplyKind kind, String template, List<String> addressees, List<Observation> found,
                             Duration cooldown, String rule) {
    }

    public GateDecision decide(GateInput in) {
        RoomView room = in.room();
        String sender = in.event().senderId();
        List<String> freelancers = room.freelancers();
        List<String> counterparts = room.counterparts();
        RoomState state = state(freelancers, counterparts, in.coverage());
        List<Observation> fresh = in.observations().stream()
                .filter(observation -> !in.alreadyAlerted().contains(observation.key()))
                .toList();
        Decisions decisions = new Decisions(in);
        applicationNotices(in, room, counterparts, decisions);

        List<String> uncovered = counterparts.stream()
                .filter(id -> !in.coverageOf(id).covered() && !in.coverageOf(id).claimed())
                .toList();
        boolean senderCovered = senderCovered(state, sender, freelancers, in);
        List<String> freelancersOrOthers = freelancers.isEmpty() ? others(room, sender, false) : freelancers;

        // Most serious first: the first that may speak names the reply, the others are folded into it.
        List<Candidate> candidates = new ArrayList<>();
        if (state == RoomState.UNCOVERED) {
            candidates.add(new Candidate(ReplyKind.GATE_WARNING, ReplyKind.GATE_WARNING.id(), union(freelancers, uncovered),
                    List.of(), cooldowns.gateWarning(), RULE_UNCOVERED));
        } else if (state == RoomState.UNCLAIMED) {
            candidates.add(new Candidate(ReplyKind.SETUP_NOTICE, ReplyKind.SETUP_NOTICE.id(), others(room, sender, true),
                    List.of(), cooldowns.setupNotice(), RULE_UNCLAIMED));
        }
        List<Observation> scam = ofLabel(fresh, Observation.SCAM_SIGNAL);
        if (!scam.isEmpty() && !freelancers.contains(sender)) {
            candidates.add(new Candidate(ReplyKind.SCAM_ALERT, ReplyKind.SCAM_ALERT.id(), freelancersOrOthers, scam,
                    cooldowns.scamAlert(), null));
        }
        List<Observation> deal = ofLabel(fresh, Observation.OFF_PLATFORM_DEAL);
        if (!deal.isEmpty()) {
            candidates.add(new Candidate(ReplyKind.DEAL_ALERT, ReplyKind.DEAL_ALERT.id(),
                    union(freelancersOrOthers, List.of(sender)), deal, cooldowns.dealAlert(), null));
        }
        List<Observation> contact = ofLabel(fresh, Observation.CONTACT_EXCHANGE);
        if (!contact.isEmpty() && !senderCovered) {
            candidates.add(new Candidate(ReplyKind.CONTACT_ALERT, ReplyKind.CONTACT_ALERT.id(),
                    union(freelancers, List.of(sender)), contact, cooldowns.contactAlert(), null));
        }
        List<Observation> negotiation = ofLabel(fresh, Observation.NEGOTIATION);
        if (!negotiation.isEmpty() && state != RoomState.UNCLAIMED) {
            candidates.add(new Candidate(ReplyKind.NEGOTIATION_REMINDER, ReplyKind.NEGOTIATION_REMINDER.id() + "."
                    + (state == RoomState.CONFIRMED ? "covered" : "uncovered"), union(freelancers, List.of(sender)),
                    negotiation, cooldowns.negotiationReminder(), null));
        }

        boolean introduced = in.lastSent().containsKey(ReplyKind.INTRODUCTION.id());
        boolean withinBudget = in.messagesSinceBotSpoke() >= budget.messagesPerReply();
        List<Candidate> speaking = candidates.stream()
                .filter(candidate -> !cooled(decisions, candidate))
                .filter(candidate -> !introduced || withinBudget || budget.exempt().contains(candidate.kind().id()))
                .toList();
        List<Candidate> judging = speaking.stream().filter(candidate -> privateKinds.contains(candidate.kind().id())).toList();
        List<Candidate> inRoom = speaking.stream().filter(candidate -> !judging.contains(candidate)).toList();
        for (Candidate candidate : judging) {
            decisions.add(privately(candidate, freelancers, in));
        }
        if (!judging.isEmpty()) {
            // The room hears that something needs care, never about whom; folded into a reply the room gets anyway.
            inRoom = new ArrayList<>(inRoom);
            inRoom.add(new Candidate(ReplyKind.CAUTION_NOTICE, ReplyKind.CAUTION_NOTICE.id(), List.of(), List.of(),
                    cooldowns.scamAlert(), RULE_PRIVATE));
        }
        if (!inRoom.isEmpty()) {
            decisions.add(introduced ? folded(inRoom.get(0), inRoom, state, uncovered, in)
                    : introduction(inRoom, state, uncovered, in));
        }
        return new GateDecision(state, decisions.actions);
    }

    /** Once per application: a request to confirm a pending claim, or a notice of its confirmation. */
    private static void applicationNotices(GateInput in, RoomView room, List<String> counterparts, Decisions decisions) {
        for (String counterpart : counterparts) {
            Coverage coverage = in.coverageOf(counterpart);
            if (coverage.claimed()) {
                ApplicationView claim = coverage.pending();
                decisions.once(ReplyKind.CONFIRM_REQUEST, claim, () -> new Action(ReplyKind.CONFIRM_REQUEST,
                        List.of(claim.confirmer()), ReplyKind.CONFIRM_REQUEST.id(), applicationParams(room, claim),
                        new Trigger(RULE_CLAIM_PENDING, in.event().messageId(), claim.reference()),
                        onceKey(ReplyKind.CONFIRM_REQUEST, claim), Set.of()));
            } else if (coverage.covered()) {
                ApplicationView application = coverage.covering();
                decisions.once(ReplyKind.APPROVAL_NOTICE, application, () -> new Action(ReplyKind.APPROVAL_NOTICE,
                        union(List.of(application.freelancerAccountId()), List.of(application.clientAccountId())),
                        ReplyKind.APPROVAL_NOTICE.id(), applicationParams(room, application),
                        new Trigger(RULE_CONFIRMED, in.event().messageId(), application.reference()),
                        onceKey(ReplyKind.APPROVAL_NOTICE, application), Set.of()));
            }
        }
    }

    /** A room warning also waits for the introduction's cooldown: the introduction said the same. */
    private static boolean cooled(Decisions decisions, Candidate candidate) {
        boolean roomWarning = candidate.kind() == ReplyKind.GATE_WARNING || candidate.kind() == ReplyKind.SETUP_NOTICE;
        // An approval notice asks to keep the terms on the platform: a reminder soon after it would say it again.
        boolean reminder = candidate.template().equals(ReplyKind.NEGOTIATION_REMINDER.id() + ".covered");
        return decisions.recently(candidate.kind(), candidate.cooldown())
                || roomWarning && decisions.recently(ReplyKind.INTRODUCTION, candidate.cooldown())
                || reminder && decisions.recentlyPrefixed(ReplyKind.APPROVAL_NOTICE.id() + ":", candidate.cooldown());
    }

    /** A judgement about the sender, to the freelancers alone: it names the sender and quotes what they wrote. */
    private static Action privately(Candidate candidate, List<String> freelancers, GateInput in) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("matches", matches(candidate.found()));
        params.put("whole", wholeMessage(candidate.found()));
        params.put("sender", in.room().nameOf(in.event().senderId()));
        return new Action(candidate.kind(), freelancers, candidate.template(), params,
                new Trigger(candidate.found().get(0).rule(), in.event().messageId(), candidate.found().get(0).match()),
                candidate.kind().id(), keys(candidate.found()), true);
    }

    /** One reply for the message: the primary candidate's, with the others' passages quoted and their notes added. */
    private static Action folded(Candidate primary, List<Candidate> all, RoomState state, List<String> uncovered,
                                 GateInput in) {
        List<String> addressees = new ArrayList<>();
        all.forEach(candidate -> addressees.addAll(candidate.addressees()));
        return action(primary.kind(), primary.template(), union(addressees, List.of()), all,
                all.stream().filter(candidate -> candidate != primary).toList(), uncovered, in);
    }

    /**
     * The first time the bot speaks in a room: who it is, what it checks and how to register the application (worded by
     * the room's state), with whatever this message raised folded in. It mentions no one.
     */
    private static Action introduction(List<Candidate> all, RoomState state, List<String> uncovered, GateInput in) {
        String template = state == RoomState.UNCLAIMED ? "introduction.unclaimed"
                : state == RoomState.UNCOVERED ? "introduction.uncovered" : ReplyKind.INTRODUCTION.id();
        List<Candidate> notes = all.stream().filter(candidate -> candidate.kind() != ReplyKind.GATE_WARNING
                && candidate.kind() != ReplyKind.SETUP_NOTICE).toList();
        return action(ReplyKind.INTRODUCTION, template, List.of(), all, notes, uncovered, in);
    }

    private static Action action(ReplyKind kind, String template, List<String> addressees, List<Candidate> all,
                                 List<Candidate> notes, List<String> uncovered, GateInput in) {
        List<Observation> found = all.stream().flatMap(candidate -> candidate.found().stream()).toList();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("counterparts", names(in.room(), uncovered));
        params.put("freelancers", names(in.room(), in.room().freelancers()));
        params.put("matches", matches(found));
        params.put("whole", wholeMessage(found));
        params.put("notes", notes.stream().map(candidate -> "note." + candidate.template()).toList());
        String rule = found.isEmpty() ? all.stream().map(Candidate::rule).filter(java.util.Objects::nonNull)
                .findFirst().orElse(RULE_UNCOVERED) : found.get(0).rule();
        return new Action(kind, addressees, template, params,
                new Trigger(rule, in.event().messageId(), found.isEmpty() ? null : found.get(0).match()),
                kind.id(), keys(found));
    }

    /**
     * The bot was added to a room: one introduction per room, ever. In a one-to-one chat with the bot it says how to
     * register as a freelancer; in a room without a registered freelancer the setup notice is folded into it.
     */
    public Optional<Action> introduce(GateInput in) {
        if (in.lastSent().containsKey(ReplyKind.INTRODUCTION.id())) {
            return Optional.empty();
        }
        RoomView room = in.room();
        RoomState state = state(room.freelancers(), room.counterparts(), in.coverage());
        String template = Boolean.TRUE.equals(in.event().direct()) ? "introduction.direct"
                : state == RoomState.UNCLAIMED ? "introduction.unclaimed" : "introduction";
        return Optional.of(new Action(ReplyKind.INTRODUCTION, List.of(), template, Map.of(),
                new Trigger(RULE_BOT_ADDED, in.event().messageId(), null), ReplyKind.INTRODUCTION.id(), Set.of()));
    }

    /** The room's state from its freelancers, counterparts and their coverage. */
    public static RoomState state(List<String> freelancers, List<String> counterparts, Map<String, Coverage> coverage) {
        if (freelancers.isEmpty()) {
            return RoomState.UNCLAIMED;
        }
        java.util.function.Function<String, Coverage> of = id -> coverage.getOrDefault(id, Coverage.NONE);
        if (counterparts.stream().allMatch(id -> of.apply(id).covered())) {
            return RoomState.CONFIRMED;
        }
        if (counterparts.stream().allMatch(id -> of.apply(id).covered() || of.apply(id).claimed())) {
            return RoomState.CLAIMED;
        }
        return RoomState.UNCOVERED;
    }

    private static boolean senderCovered(RoomState state, String sender, List<String> freelancers, GateInput in) {
        if (state == RoomState.UNCLAIMED) {
            return false;
        }
        return freelancers.contains(sender) ? state == RoomState.CONFIRMED : in.coverageOf(sender).covered();
    }

    /** The values the application templates use. */
    public static Map<String, Object> applicationParams(RoomView room, ApplicationView application) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("application_id", String.valueOf(application.id()));
        params.put("platform", application.platform());
        params.put("reference", application.reference());
        params.put("client", room.nameOf(application.clientAccountId()));
        params.put("freelancer", room.nameOf(application.freelancerAccountId()));
        params.put("filed_by", "client".equals(application.filedBy()) ? room.nameOf(application.clientAccountId())
                : room.nameOf(application.freelancerAccountId()));
        if (application.validUntil() != null) {
            params.put("valid_until", application.validUntil());
        }
        return params;
    }

    static String onceKey(ReplyKind kind, ApplicationView application) {
        return kind.id() + ":" + application.id();
    }

    private static List<Observation> ofLabel(List<Observation> observations, String label) {
        return observations.stream().filter(o -> o.label().equals(label)).toList();
    }

    /** The matched passages to quote: the longest of overlapping ones, in the order they appear, at most three. */
    static List<String> matches(List<Observation> observations) {
        List<Observation> longestFirst = new ArrayList<>(observations);
        longestFirst.sort(java.util.Comparator.comparingInt((Observation o) -> o.end() - o.start()).reversed());
        List<Observation> kept = new ArrayList<>();
        for (Observation candidate : longestFirst) {
            if (kept.stream().noneMatch(candidate::overlaps)) {
                kept.add(candidate);
            }
        }
        return kept.stream()
                .sorted(java.util.Comparator.comparingInt(Observation::start))
                .map(Observation::quote)
                .distinct()
                .limit(MAX_MATCHES)
                .toList();
    }

    /** "yes" when a label was judged from the whole message (a learned model's finding, no rule span). */
    private static String wholeMessage(List<Observation> observations) {
        return observations.stream().anyMatch(Observation::wholeMessage) ? "yes" : "";
    }

    private static Set<String> keys(List<Observation> observations) {
        return observations.stream().map(Observation::key).collect(Collectors.toUnmodifiableSet());
    }

    private static List<String> names(RoomView room, List<String> accountIds) {
        return accountIds.stream().map(room::nameOf).toList();
    }

    /** Everyone in the room but the bot (and, unless {@code includeSender}, the sender). */
    private static List<String> others(RoomView room, String sender, boolean includeSender) {
        List<String> others = room.members().stream()
                .map(member -> member.accountId())
                .filter(id -> !id.equals(room.botAccountId()) && (includeSender || !id.equals(sender)))
                .collect(Collectors.toCollection(ArrayList::new));
        if (includeSender && !others.contains(sender)) {
            others.add(0, sender);
        }
        return others;
    }

    private static List<String> union(List<String> first, List<String> second) {
        Set<String> union = new LinkedHashSet<>(first);
        union.addAll(second);
        return List.copyOf(union);
    }

    /** The actions taken so far, with what counts as recently sent. */
    private static final class Decisions {
        private final GateInput in;
        private final List<Action> actions = new ArrayList<>();

        Decisions(GateInput in) {
            this.in = in;
        }

        void add(Action action) {
            actions.add(action);
        }

        /** Whether a reply of this kind went out to this room within {@code cooldown}. */
        boolean recently(ReplyKind kind, Duration cooldown) {
            Instant last = in.lastSent().get(kind.id());
            return last != null && in.now().isBefore(last.plus(cooldown));
        }

        /** Whether a reply whose cooldown key starts with {@code prefix} went out to this room within {@code cooldown}. */
        boolean recentlyPrefixed(String prefix, Duration cooldown) {
            return in.lastSent().entrySet().stream().anyMatch(sent -> sent.getKey().startsWith(prefix)
                    && in.now().isBefore(sent.getValue().plus(cooldown)));
        }

        /** The action, unless it already went out for this application. */
        void once(ReplyKind kind, ApplicationView application, java.util.function.Supplier<Action> action) {
            String key = onceKey(kind, application);
            boolean decided = actions.stream().anyMatch(existing -> existing.cooldownKey().equals(key));
            if (!in.lastSent().containsKey(key) && !decided) {
                actions.add(action.get());
            }
        }
    }
}
