package dev.contractgate.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contractgate.registry.ApiKey;
import dev.contractgate.registry.ApiKeys;
import dev.contractgate.registry.IssuedKey;
import dev.contractgate.registry.NewApiKey;
import dev.contractgate.registry.Role;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** {@code POST /api/keys}: an operator creates a key; it is in this answer once and never again. */
public final class KeysApi {
    private static final Set<String> FIELDS = Set.of("role", "channel", "account_id", "name");

    private final ObjectMapper json;
    private final ApiKeys keys;

    public KeysApi(ObjectMapper json, ApiKeys keys) {
        this.json = json;
        this.keys = keys;
    }

    /** The answer: the secret key and what it is bound to. */
    record Created(String key, long id, Role role, String channel, String accountId, String name, Instant createdAt) {
        static Created of(IssuedKey issued) {
            ApiKey key = issued.key();
            return new Created(issued.secret(), key.id(), key.role(), key.channel(), key.accountId(), key.name(),
                    key.createdAt());
        }
    }

    public void create(Context ctx) {
        Principal principal = ApiAuth.operator(ctx);
        QueryInput.none(ctx);
        JsonInput body = JsonInput.read(json, ctx.bodyAsBytes(), FIELDS);
        NewApiKey request = new NewApiKey(body.oneOf("role", List.of(Role.values())), body.text("channel"),
                body.text("account_id"), body.text("name"));
        request.check(keys.ids(), body.errors());
        body.errors().throwIfAny("invalid key request");
        ctx.status(201).header("Cache-Control", "no-store").json(Created.of(keys.create(principal.actor(), request)));
    }
}
