package dev.contractgate.config;

import java.time.Duration;
import java.util.List;

/** The room directory: who is in which room. */
public record RoomsConfig(Duration membersTtl) {
    public RoomsConfig {
        membersTtl = membersTtl == null ? Duration.ofMinutes(10) : membersTtl;
    }

    void validate(String path, List<String> problems) {
        Checks.between(path + ".members_ttl", membersTtl, Duration.ofSeconds(1), Duration.ofDays(7), problems);
    }
}
