package dev.contractgate.config;

import java.time.Duration;
import java.util.List;

/**
 * How often the bot may repeat itself in one room. Approval notices and confirm requests go out once per
 * application and have no setting.
 */
public record GateConfig(Cooldowns cooldowns) {
    public GateConfig {
        cooldowns = cooldowns == null ? new Cooldowns(null, null, null, null, null, null) : cooldowns;
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
    }
}
