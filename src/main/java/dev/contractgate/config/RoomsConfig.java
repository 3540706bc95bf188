package dev.contractgate.config;

import java.time.Duration;
import java.util.List;

/** The room directory: who is in which room. */
public record RoomsConfig(Duration membersTtl) {
    public RoomsConfig {
        membersTtl = membersTtl == null ? Duration.ofMinutes(10) : membersTtl;
    }

    void validate(String path, List<String> problems) {
        if (membersTtl.toSeconds() < 1 || membersTtl.toDays() > 7) {
            problems.add(path + ".members_ttl: must be between 1s and 7d, got " + Durations.format(membersTtl));
        }
    }
}
