package dev.contractgate.config;

import java.time.Duration;
import java.util.List;

/**
 * The reminders: about a room that stays without a confirmed application while people talk in it, and about terms
 * that changed since the last summary once the room has gone quiet.
 */
public record RemindersConfig(Duration checkInterval, Duration uncoveredAfter, Duration activeWithin,
                              Duration summaryAfterQuiet) {
    public RemindersConfig {
        checkInterval = checkInterval == null ? Duration.ofMinutes(1) : checkInterval;
        uncoveredAfter = uncoveredAfter == null ? Duration.ofDays(3) : uncoveredAfter;
        activeWithin = activeWithin == null ? Duration.ofDays(1) : activeWithin;
        summaryAfterQuiet = summaryAfterQuiet == null ? Duration.ofDays(1) : summaryAfterQuiet;
    }

    void validate(String path, List<String> problems) {
        Checks.between(path + ".check_interval", checkInterval, Duration.ofSeconds(1), Duration.ofHours(1), problems);
        Checks.between(path + ".uncovered_after", uncoveredAfter, Duration.ofMinutes(1), Duration.ofDays(90), problems);
        Checks.between(path + ".active_within", activeWithin, Duration.ofMinutes(1), Duration.ofDays(90), problems);
        Checks.between(path + ".summary_after_quiet", summaryAfterQuiet, Duration.ofMinutes(1), Duration.ofDays(90), problems);
    }
}
