package dev.contractgate.registry;

import dev.contractgate.validation.FieldErrors;

/** A key to create: {@code POST /api/keys} or {@code keys create}. */
public record NewApiKey(Role role, String channel, String accountId, String name) {
    public static final int MAX_NAME_LENGTH = 200;

    public NewApiKey {
        name = Inputs.strip(name);
    }

    /** Adds what is wrong, by API field name: a party key needs its account, an operator key has none. */
    public void check(ChannelIds ids, FieldErrors errors) {
        errors.required("role", role);
        if (role != null && role.isParty()) {
            errors.required("channel", channel);
            errors.required("account_id", accountId);
        } else if (role != null) {
            if (channel != null) {
                errors.add("channel", "an operator key is not bound to a channel");
            }
            if (accountId != null) {
                errors.add("account_id", "an operator key is not bound to an account");
            }
        }
        ids.channel("channel", channel, errors);
        ids.accountId("account_id", channel, accountId, errors);
        errors.text("name", name, MAX_NAME_LENGTH);
    }
}
