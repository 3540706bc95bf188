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
        public Cooldowns {
            setupNotice = setupNotice == null ? Duration.ofHours(24) : setupNotice;
            gateWarning = gateWarning == null ? Duration.ofHours(24) : gateWarning;
            contactAlert = contactAlert == null ? Duration.ofMinutes(10) : contactAlert;
            dealAlert = dealAlert == null ? Duration.ofMinutes(10) : dealAlert;
            scamAlert = scamAlert == null ? Duration.ofMinutes(10) : scamAlert;
            negotiationReminder = negotiationReminder == null ? Duration.ofHours(1) : negotiationReminder;
        }

        void validate(String path, List<String> problems) {
            check(path + ".setup_notice", setupNotice, problems);
            check(path + ".gate_warning", gateWarning, problems);
            check(path + ".contact_alert", contactAlert, problems);
            check(path + ".deal_alert", dealAlert, problems);
            check(path + ".scam_alert", scamAlert, problems);
            check(path + ".negotiation_reminder", negotiationReminder, problems);
        }

        private static void check(String path, Duration value, List<String> problems) {
            if (value.isNegative() || value.toDays() > 365) {
                problems.add(path + ": must be between 0s and 365d, got " + Durations.format(value));
            }
        }
    }

    void validate(String path, List<String> problems) {
        cooldowns.validate(path + ".cooldowns", problems);
    }
}
