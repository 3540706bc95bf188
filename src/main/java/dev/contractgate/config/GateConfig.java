package dev.contractgate.config;

import java.time.Duration;
import java.util.List;

/**
 * How often the bot may speak in one room: per-kind cooldowns, and a budget across kinds. Approval notices and
 * confirm requests go out once per application and have no setting. {@code private_kinds} are the replies that judge
 * a person: they go to the freelancer privately, and the room gets a caution notice that names no one.
 *
 * @param privateKinds reply kinds sent to the freelancer privately
 */
public record GateConfig(Cooldowns cooldowns, Budget budget, List<String> privateKinds) {
    /** The kinds that may be private: replies about what a counterpart wrote. */
    public static final List<String> MAY_BE_PRIVATE = List.of("scam_alert", "deal_alert", "contact_alert");

    public GateConfig {
        cooldowns = cooldowns == null ? new Cooldowns(null, null, null, null, null, null) : cooldowns;
        budget = budget == null ? new Budget(null, null) : budget;
        privateKinds = privateKinds == null ? List.of("scam_alert") : List.copyOf(privateKinds);
    }

    /** Only cooldowns (tests): the default budget and private kinds. */
    public GateConfig(Cooldowns cooldowns) {
        this(cooldowns, null, null);
    }

    /**
     * At most one bot message per room for every {@code messagesPerReply} messages people write there, unless the
     * message brings a finding of one of the {@code exempt} kinds (something new: contact details, a direct deal, a
     * scam sign). The introduction, registry notices and answers to commands are outside the budget.
     */
    public record Budget(Integer messagesPerReply, List<String> exempt) {
        public static final List<String> MAY_BE_EXEMPT = List.of("gate_warning", "setup_notice", "contact_alert",
                "negotiation_reminder", "deal_alert", "scam_alert");

        public Budget {
            messagesPerReply = messagesPerReply == null ? 3 : messagesPerReply;
            exempt = exempt == null ? List.of("contact_alert", "deal_alert", "scam_alert") : List.copyOf(exempt);
        }

        void validate(String path, List<String> problems) {
            if (messagesPerReply < 1 || messagesPerReply > 1000) {
                problems.add(path + ".messages_per_reply: must be between 1 and 1000, not " + messagesPerReply);
            }
            exempt.stream().filter(kind -> !MAY_BE_EXEMPT.contains(kind)).forEach(kind -> problems.add(path
                    + ".exempt: unknown kind '" + kind + "' (known: " + String.join(", ", MAY_BE_EXEMPT) + ")"));
        }
    }

    /** The minimum time between two replies of one kind in one room. */
    public record Cooldowns(Duration setupNotice, Duration gateWarning, Duration contactAlert, Duration dealAlert,
                            Duration scamAlert, Duration negotiationReminder) {
        private static final Duration MAX = Duration.ofDays(365);

        public Cooldowns {
            setupNotice = setupNotice == null ? Duration.ofHours(24) : setupNotice;
            gateWarning = gateWarning == null ? Duration.ofHours(24) : gateWarning;
            contactAlert = contactAlert == null ? Duration.ofMinutes(10) : contactAlert;
            dealAlert = dealAlert == null ? Duration.ofMinutes(10) : dealAlert;
            scamAlert = scamAlert == null ? Duration.ofMinutes(10) : scamAlert;
            negotiationReminder = negotiationReminder == null ? Duration.ofHours(1) : negotiationReminder;
        }

        void validate(String path, List<String> problems) {
            Checks.between(path + ".setup_notice", setupNotice, Duration.ZERO, MAX, problems);
            Checks.between(path + ".gate_warning", gateWarning, Duration.ZERO, MAX, problems);
            Checks.between(path + ".contact_alert", contactAlert, Duration.ZERO, MAX, problems);
            Checks.between(path + ".deal_alert", dealAlert, Duration.ZERO, MAX, problems);
            Checks.between(path + ".scam_alert", scamAlert, Duration.ZERO, MAX, problems);
            Checks.between(path + ".negotiation_reminder", negotiationReminder, Duration.ZERO, MAX, problems);
        }
    }

    void validate(String path, List<String> problems) {
        cooldowns.validate(path + ".cooldowns", problems);
        budget.validate(path + ".budget", problems);
        privateKinds.stream().filter(kind -> !MAY_BE_PRIVATE.contains(kind)).forEach(kind -> problems.add(path
                + ".private_kinds: '" + kind + "' cannot be sent privately (possible: " + String.join(", ", MAY_BE_PRIVATE) + ")"));
    }
}
