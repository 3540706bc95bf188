package dev.contractgate.registry;

import dev.contractgate.validation.FieldErrors;

/** A party to register: {@code POST /api/parties}, or {@code 登録} in chat. */
public record NewParty(String channel, String accountId, Role role, String name, String profileUrl) {
    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_URL_LENGTH = 2000;

    public NewParty {
        name = Inputs.strip(name);
        profileUrl = Inputs.strip(profileUrl);
    }

    /** Adds what is wrong, by API field name. */
    public void check(ChannelIds ids, FieldErrors errors) {
        errors.required("channel", channel);
        errors.required("account_id", accountId);
        errors.required("role", role);
        ids.channel("channel", channel, errors);
        ids.accountId("account_id", channel, accountId, errors);
        if (role != null && !role.isParty()) {
            errors.add("role", "must be freelancer or client");
        }
        errors.text("name", name, MAX_NAME_LENGTH);
        errors.url("profile_url", profileUrl, MAX_URL_LENGTH);
    }
}
