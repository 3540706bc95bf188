package dev.contractgate.room;

/** Whether an account is a registered freelancer on a channel (answered by the registry). */
@FunctionalInterface
public interface FreelancerLookup {
    boolean isFreelancer(String channel, String accountId);
}
