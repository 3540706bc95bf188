package dev.contractgate.command;

import dev.contractgate.chat.ChatEvent;
import dev.contractgate.chat.Member;
import dev.contractgate.chat.Reply;
import dev.contractgate.chat.ReplyKind;
import dev.contractgate.chat.Trigger;
import dev.contractgate.gate.ApplicationView;
import dev.contractgate.gate.Coverage;
import dev.contractgate.gate.Gate;
import dev.contractgate.gate.RoomState;
import dev.contractgate.gate.RoomView;
import dev.contractgate.ledger.Ledger;
import dev.contractgate.registry.Actor;
import dev.contractgate.registry.Application;
import dev.contractgate.registry.ApplicationStatus;
import dev.contractgate.registry.ConflictException;
import dev.contractgate.registry.NewApplication;
import dev.contractgate.registry.NewParty;
import dev.contractgate.registry.NotPermittedException;
import dev.contractgate.registry.Platform;
import dev.contractgate.registry.Prompt;
import dev.contractgate.registry.Registry;
import dev.contractgate.registry.Role;
import dev.contractgate.reply.Messages;
import dev.contractgate.reply.ReplyComposer;
import dev.contractgate.room.RegistryCoverage;
import dev.contractgate.room.RoomDirectory;
import dev.contractgate.room.RoomInspector;
import dev.contractgate.validation.FieldError;
import dev.contractgate.validation.InvalidInputException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The chat commands (interface.md, "Chat commands"): help, status, register, apply, confirm, summary. Each answer
 * is a {@code command_reply}, threaded onto the command. Registry changes are made here; the answers are promised
 * by the caller, in its transaction.
 */
public final class CommandHandler {
    /** The templates the commands use. */
    public static final Set<String> TEMPLATES = Set.of("command_reply.help", "command_reply.status",
            "command_reply.registered_direct", "command_reply.registered_room", "command_reply.register_taken",
            "command_reply.register_client", "command_reply.already_registered", "command_reply.apply_help",
            "command_reply.apply_exists", "command_reply.confirm_none", "command_reply.confirm_refused",
            "command_reply.summary", "line.status_member", "line.standing_covered", "line.standing_pending",
            "line.standing_none", "line.status_freelancer", "line.status_unclaimed", "line.term", "line.term_accepted", "line.no_terms",
            "line.open", "line.check_present", "line.check_missing", "line.payment_over_60");
    /** The placeholders the commands fill in. */
    public static final Set<String> PLACEHOLDERS = Set.of("unknown", "state", "lines", "name", "freelancer", "reason",
            "status", "as_of", "terms", "open", "checklist", "missing", "standing", "confirmer", "term", "value",
            "said_at", "text", "item", "own", "platform", "reference", "valid_until", "accepted_by", "warnings");
    /** The entries of {@code words} the commands use. */
    public static final Set<String> WORDS = words();

    private static final String VIA = "chat";
    /** A command whose answer is the registry's room notice, promised with the change itself. */
    private static final CommandResult NOTICED = new CommandResult(List.of(), false);
    private static final Map<String, Platform> PLATFORM_NAMES = platformNames();

    private final CommandWords words;
    private final Registry registry;
    private final RoomDirectory rooms;
    private final RoomInspector inspector;
    private final Ledger ledger;
    private final Messages messages;
    private final Summary summary;
    private final Clock clock;
    private final Map<String, CommandHandler> otherLanguages;
    private final LinkCommand links;

    /** Commands answered in one language. */
    public CommandHandler(CommandWords words, Registry registry, RoomDirectory rooms, RoomInspector inspector,
                          Ledger ledger, Messages messages, Clock clock, LinkCommand links) {
        this(words, registry, rooms, inspector, ledger, messages, List.of(), clock, links);
    }

    /**
     * Commands answered in the language of the word used ("help" in English, 「ヘルプ」 in Japanese), whatever the
     * default; {@code messages} is the default, for words that tell no language.
     */
    public CommandHandler(CommandWords words, Registry registry, RoomDirectory rooms, RoomInspector inspector,
                          Ledger ledger, Messages messages, List<Messages> others, Clock clock, LinkCommand links) {
        Map<String, CommandHandler> byLanguage = new java.util.HashMap<>();
        for (Messages other : others) {
            if (!other.language().equals(messages.language())) {
                byLanguage.put(other.language(), new CommandHandler(words, registry, rooms, inspector, ledger, other,
                        clock, links));
            }
        }
        this.otherLanguages = Map.copyOf(byLanguage);
        this.words = words;
        this.registry = registry;
        this.rooms = rooms;
        this.inspector = inspector;
        this.ledger = ledger;
        this.messages = messages;
        this.summary = new Summary(messages);
        this.clock = clock;
        this.links = links;
    }

    /** Carries out the command {@code text} that {@code event}'s sender addressed to the bot in {@code room}. */
    public CommandResult handle(ChatEvent event, RoomView room, String text) {
        Command command = words.parse(text);
        CommandHandler inLanguage = command.language().map(otherLanguages::get).orElse(null);
        if (inLanguage != null) {
            return inLanguage.handle(event, room, text);
        }
        boolean direct = direct(event, room);
        if (direct) {
            links.rememberDirect(event);
        }
        switch (command.type()) {
            case STATUS:
                return result(answer(event, room, "command_reply.status", status(room)));
            case REGISTER:
                return register(event, room);
            case APPLY:
                return apply(event, room, command.argument());
            case CONFIRM:
                return confirm(event, room);
            case LINK:
                return new CommandResult(links.handle(event, room, command.argument(), direct), false);
            case SUMMARY:
                return new CommandResult(List.of(answer(event, room, "command_reply.summary",
                        summary.params(room, ledger.history(event.channel(), event.roomId()), clock.instant()))), true);
            case UNKNOWN:
                return result(answer(event, room, "command_reply.help", Map.of("unknown", command.word())));
            default:
                return result(answer(event, room, "command_reply.help", Map.of()));
        }
    }

    private Map<String, Object> status(RoomView room) {
        Map<String, Coverage> coverage = inspector.coverage(room, clock.instant());
        RoomState state = Gate.state(room.freelancers(), room.counterparts(), coverage);
        List<String> lines = new ArrayList<>();
        if (room.freelancers().isEmpty()) {
            lines.add(line(room, "line.status_unclaimed", Map.of()));
        }
        for (String freelancer : room.freelancers()) {
            lines.add(line(room, "line.status_freelancer", Map.of("name", room.nameOf(freelancer))));
        }
        for (String counterpart : room.counterparts()) {
            Coverage standing = coverage.getOrDefault(counterpart, Coverage.NONE);
            String described;
            if (standing.covered()) {
                described = line(room, "line.standing_covered", Gate.applicationParams(room, standing.covering()));
            } else if (standing.claimed()) {
                Map<String, Object> params = new LinkedHashMap<>(Gate.applicationParams(room, standing.pending()));
                params.put("confirmer", room.nameOf(standing.pending().confirmer()));
                described = line(room, "line.standing_pending", params);
            } else {
                described = line(room, "line.standing_none", Map.of());
            }
            lines.add(line(room, "line.status_member", Map.of("name", room.nameOf(counterpart), "standing", described)));
        }
        return Map.of("state", messages.word("state." + state.id()), "lines", String.join("\n", lines));
    }

    private CommandResult register(ChatEvent event, RoomView room) {
        String sender = event.senderId();
        Map<String, Object> name = Map.of("name", room.nameOf(sender));
        boolean direct = direct(event, room);
        if (!direct) {
            if (room.freelancers().contains(sender)) {
                return result(answer(event, room, "command_reply.already_registered", name));
            }
            if (!room.freelancers().isEmpty()) {
                return result(answer(event, room, "command_reply.register_taken",
                        Map.of("freelancer", room.freelancers().stream().map(room::nameOf).toList())));
            }
        }
        try {
            registry.registerParty(Actor.party(Role.FREELANCER, event.channel(), sender, VIA),
                    new NewParty(event.channel(), sender, Role.FREELANCER, nameOrNull(room, sender), null));
        } catch (ConflictException e) {
            return result(answer(event, room, "command_reply.register_client", name));
        }
        if (direct) {
            return new CommandResult(List.of(answer(event, room, "command_reply.registered_direct", name)), false, true);
        }
        rooms.bindFreelancer(event.channel(), event.roomId(), sender, "register command in message " + event.messageId());
        return result(answer(event, room, "command_reply.registered_room", name));
    }

    /** The channel says whether this is a one-to-one chat with the bot; where it does not, the members tell. */
    private static boolean direct(ChatEvent event, RoomView room) {
        return event.direct() != null ? event.direct() : room.members().size() == 2
                && room.members().stream().map(Member::accountId).collect(Collectors.toSet())
                        .equals(Set.of(event.senderId(), room.botAccountId()));
    }

    /** Files the claim; the registry promises its confirm request to the room in the same transaction. */
    private CommandResult apply(ChatEvent event, RoomView room, String argument) {
        if (argument.isBlank()) {
            return result(answer(event, room, "command_reply.apply_help", Map.of()));
        }
        String[] parts = argument.split("\\s+", 2);
        Platform named = PLATFORM_NAMES.get(parts[0].toLowerCase(Locale.ROOT));
        String reference = named != null && parts.length == 2 ? parts[1].strip() : argument.strip();
        Platform platform = named != null ? named : platformOf(reference);
        String sender = event.senderId();
        boolean senderIsFreelancer = room.freelancers().contains(sender);
        List<String> otherSide = senderIsFreelancer ? room.counterparts() : room.freelancers();
        if (otherSide.size() != 1) {
            return result(answer(event, room, "command_reply.apply_help", Map.of("reason", messages.word(event.channel(), otherSide.isEmpty()
                    ? (senderIsFreelancer ? "reason.no_counterpart" : "reason.no_freelancer") : "reason.several"))));
        }
        String client = senderIsFreelancer ? otherSide.get(0) : sender;
        String freelancer = senderIsFreelancer ? sender : otherSide.get(0);
        Optional<Application> existing = registry.pairing(event.channel(), event.roomId(), client, freelancer).stream()
                .filter(application -> application.reference().equals(reference))
                .filter(application -> application.status() == ApplicationStatus.CLAIMED
                        || application.status() == ApplicationStatus.CONFIRMED)
                .findFirst();
        if (existing.isPresent()) {
            Map<String, Object> params = new LinkedHashMap<>(Gate.applicationParams(room, RegistryCoverage.view(existing.get())));
            params.put("status", messages.word("status." + existing.get().status().wire()));
            return result(answer(event, room, "command_reply.apply_exists", params));
        }
        Role role = senderIsFreelancer ? Role.FREELANCER : Role.CLIENT;
        try {
            registry.file(Actor.party(role, event.channel(), sender, VIA), new NewApplication(platform, reference,
                    event.channel(), client, freelancer, event.roomId(), null, role, null,
                    "filed in chat, message " + event.messageId(), null), prompt(event));
        } catch (InvalidInputException e) {
            return result(answer(event, room, "command_reply.apply_help", Map.of("reason",
                    e.errors().stream().map(FieldError::message).collect(Collectors.joining("; ")))));
        } catch (NotPermittedException | ConflictException e) {
            return result(answer(event, room, "command_reply.apply_help", Map.of("reason", e.getMessage())));
        }
        return NOTICED;
    }

    /** Confirms the claim; the registry promises its approval notice to the room in the same transaction. */
    private CommandResult confirm(ChatEvent event, RoomView room) {
        String sender = event.senderId();
        boolean senderIsFreelancer = room.freelancers().contains(sender);
        List<Application> claims = new ArrayList<>();
        for (String other : senderIsFreelancer ? room.counterparts() : room.freelancers()) {
            String client = senderIsFreelancer ? other : sender;
            String freelancer = senderIsFreelancer ? sender : other;
            registry.pairing(event.channel(), event.roomId(), client, freelancer).stream()
                    .filter(application -> application.status() == ApplicationStatus.CLAIMED)
                    .forEach(claims::add);
        }
        Role role = senderIsFreelancer ? Role.FREELANCER : Role.CLIENT;
        List<Application> theirs = claims.stream().filter(claim -> claim.filedBy() != role).toList();
        if (theirs.isEmpty()) {
            return result(answer(event, room, "command_reply.confirm_none", Map.of("name", room.nameOf(sender),
                    "own", claims.isEmpty() ? "" : "yes")));
        }
        Application newest = theirs.stream().max(Comparator.comparing(Application::createdAt)).orElseThrow();
        try {
            registry.confirm(Actor.party(role, event.channel(), sender, VIA), newest.id(), prompt(event));
        } catch (ConflictException | NotPermittedException e) {
            return result(answer(event, room, "command_reply.confirm_refused", Map.of("reason", e.getMessage())));
        }
        return NOTICED;
    }

    private CommandResult.Answer answer(ChatEvent event, RoomView room, String template, Map<String, ?> params) {
        return new CommandResult.Answer(reply(event, room, List.of(), template, params), null, trigger(event, "command", null));
    }

    private Reply reply(ChatEvent event, RoomView room, List<String> addressees, String template, Map<String, ?> params) {
        Messages.Rendered rendered = messages.render(event.channel(), template, params);
        List<String> named = new ArrayList<>(addressees);
        named.add(event.senderId());
        return new Reply(event.channel(), event.roomId(), ReplyKind.COMMAND_REPLY, addressees,
                ReplyComposer.names(room, named), new Reply.MessageRef(event.messageId(), event.senderId()),
                event.replyHandle(), rendered.title(), rendered.text());
    }

    private static Prompt prompt(ChatEvent event) {
        return new Prompt(event.roomId(), event.replyHandle());
    }

    private static Trigger trigger(ChatEvent event, String rule, String match) {
        return new Trigger(rule, event.messageId(), match);
    }

    private String line(RoomView room, String template, Map<String, ?> params) {
        return messages.render(room.channel(), template, params).text();
    }

    private static CommandResult result(CommandResult.Answer answer) {
        return new CommandResult(List.of(answer), false);
    }

    private static String nameOrNull(RoomView room, String accountId) {
        String name = room.nameOf(accountId);
        return name.equals(accountId) ? null : name;
    }

    /** The platform a reference points at: by the host of a URL; a bare id is taken as CrowdWorks'. */
    static Platform platformOf(String reference) {
        try {
            String host = URI.create(reference).getHost();
            if (host != null) {
                for (Platform platform : Platform.values()) {
                    if (host.contains(platform.wire())) {
                        return platform;
                    }
                }
                return Platform.OTHER;
            }
        } catch (IllegalArgumentException e) {
            // not a URL: an id
        }
        return Platform.CROWDWORKS;
    }

    private static Map<String, Platform> platformNames() {
        Map<String, Platform> names = new LinkedHashMap<>();
        for (Platform platform : Platform.values()) {
            names.put(platform.wire(), platform);
        }
        names.put("クラウドワークス", Platform.CROWDWORKS);
        names.put("ランサーズ", Platform.LANCERS);
        names.put("ココナラ", Platform.COCONALA);
        return Map.copyOf(names);
    }

    private static Set<String> words() {
        Set<String> words = new java.util.HashSet<>();
        for (RoomState state : RoomState.values()) {
            words.add("state." + state.id());
        }
        for (ApplicationStatus status : ApplicationStatus.values()) {
            words.add("status." + status.wire());
        }
        Ledger.TERM_TYPES.forEach(type -> words.add("term." + type));
        Summary.CHECKLIST.forEach(item -> words.add("check." + item));
        words.addAll(Summary.PAYMENT_WORDS);
        words.addAll(List.of("amount", "reason.no_counterpart", "reason.no_freelancer", "reason.several"));
        return Set.copyOf(words);
    }
}
