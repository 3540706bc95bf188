package dev.contractgate.registry;

import java.util.Objects;

/**
 * Who asks the registry for something: an operator, or a party acting for its own account.
 *
 * @param channel the party's channel (null for an operator)
 * @param accountId the party's account (null for an operator)
 * @param via what the request came through, for the audit log: {@code key 4}, {@code bootstrap key}, {@code chat}
 */
public record Actor(Role role, String channel, String accountId, String via) {
    public Actor {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(via, "via");
        if (role.isParty() && (channel == null || accountId == null)) {
            throw new IllegalArgumentException("a party actor needs its channel and account id");
        }
    }

    public static Actor operator(String via) {
        return new Actor(Role.OPERATOR, null, null, via);
    }

    public static Actor party(Role role, String channel, String accountId, String via) {
        return new Actor(role, channel, accountId, via);
    }

    public boolean isOperator() {
        return role == Role.OPERATOR;
    }

    /** True when this actor is the application's client or freelancer, on the side its role says. */
    public boolean isPartyOf(Application application) {
        return role.isParty() && channel.equals(application.channel())
                && accountId.equals(application.accountOf(role));
    }

    /** True when this actor may see the application: an operator, or one of its parties. */
    public boolean canSee(Application application) {
        return isOperator() || isPartyOf(application);
    }

    /** How the audit log names this actor: {@code operator (key 2)}, {@code client chatwork:2001 (chat)}. */
    public String label() {
        return isOperator() ? "operator (" + via + ")" : role.wire() + " " + channel + ":" + accountId + " (" + via + ")";
    }
}
