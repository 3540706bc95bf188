package dev.contractgate.web;

import dev.contractgate.registry.Actor;
import dev.contractgate.registry.ApiKey;
import dev.contractgate.registry.Role;

/**
 * Who an API request comes from, as its bearer key says: an operator (the bootstrap key or a stored operator key) or
 * a party bound to one account of one channel.
 *
 * @param channel null for an operator
 * @param accountId null for an operator
 * @param keyId the stored key; null for the bootstrap operator key from {@code CONTRACTGATE_OPERATOR_KEY}
 */
public record Principal(Role role, String channel, String accountId, Long keyId) {

    static Principal bootstrapOperator() {
        return new Principal(Role.OPERATOR, null, null, null);
    }

    static Principal of(ApiKey key) {
        return new Principal(key.role(), key.channel(), key.accountId(), key.id());
    }

    public boolean isOperator() {
        return role == Role.OPERATOR;
    }

    /** True when this principal is the party with this account. */
    public boolean isAccount(String channel, String accountId) {
        return role.isParty() && this.channel.equals(channel) && this.accountId.equals(accountId);
    }

    /** The registry's view of this principal; the audit log names the key it came through. */
    public Actor actor() {
        String via = keyId == null ? "bootstrap key" : "key " + keyId;
        return isOperator() ? Actor.operator(via) : Actor.party(role, channel, accountId, via);
    }
}
