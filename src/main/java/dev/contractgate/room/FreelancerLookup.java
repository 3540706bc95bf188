package dev.contractgate.room;

import java.util.List;
import java.util.Set;

/** Which of some accounts are registered freelancers on a channel (answered by the registry, in one look). */
@FunctionalInterface
public interface FreelancerLookup {
    Set<String> freelancersAmong(String channel, List<String> accountIds);
}
