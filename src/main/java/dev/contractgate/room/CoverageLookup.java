package dev.contractgate.room;

import dev.contractgate.gate.Coverage;
import java.time.Instant;
import java.util.List;

/** A counterpart's coverage with the room's freelancers (answered by the registry). */
@FunctionalInterface
public interface CoverageLookup {
    Coverage coverage(String channel, String roomId, String counterpartAccountId, List<String> freelancerAccountIds, Instant now);
}
