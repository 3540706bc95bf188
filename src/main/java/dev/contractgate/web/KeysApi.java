package dev.contractgate.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contractgate.registry.ApiKey;
import dev.contractgate.registry.ApiKeys;
import dev.contractgate.registry.IssuedKey;
import dev.contractgate.registry.NewApiKey;
import dev.contractgate.registry.Role;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * {@code /api/keys}: an operator creates a key (it is in that answer once and never again), lists the keys (never
 * their secrets) and revokes one.
 */
public final class KeysApi {
    private static final Set<String> FIELDS = Set.of("role", "channel", "account_id", "name", "expires_at");

    private final ObjectMapper json;
    private final ApiKeys keys;
    private final Clock clock;

    public KeysApi(ObjectMapper json, ApiKeys keys, Clock clock) {
        this.json = json;
        this.keys = keys;
        this.clock = clock;
    }

    /** The answer to a create: the secret key and what it is bound to. */
    record Created(String key, long id, Role role, String channel, String accountId, String name, Instant createdAt,
                   Instant expiresAt) {
        static Created of(IssuedKey issued) {
            ApiKey key = issued.key();
            return new Created(issued.secret(), key.id(), key.role(), key.channel(), key.accountId(), key.name(),
                    key.createdAt(), key.expiresAt());
        }
    }

    /** A key as listed: everything but the secret, and whether it works now. */
    record KeyView(long id, Role role, String channel, String accountId, String name, String status,
                   Instant createdAt, Instant lastUsedAt, Instant expiresAt, Instant revokedAt) {
        static KeyView of(ApiKey key, Instant now) {
            return new KeyView(key.id(), key.role(), key.channel(), key.accountId(), key.name(), key.status(now),
                    key.createdAt(), key.lastUsedAt(), key.expiresAt(), key.revokedAt());
        }
    }

    public void create(Context ctx) {
        Principal principal = ApiAuth.operator(ctx);
        QueryInput.none(ctx);
        JsonInput body = JsonInput.read(json, ctx.bodyAsBytes(), FIELDS);
        NewApiKey request = new NewApiKey(body.oneOf("role", List.of(Role.values())), body.text("channel"),
                body.text("account_id"), body.text("name"), body.time("expires_at"));
        request.check(keys.ids(), body.errors());
        request.checkExpiry(clock.instant(), body.errors());
        body.errors().throwIfAny("invalid key request");
        ctx.status(201).header("Cache-Control", "no-store").json(Created.of(keys.create(principal.actor(), request)));
    }

    /** {@code GET /api/keys?role=&channel=&account_id=&limit=}, newest first. */
    public void list(Context ctx) {
        ApiAuth.operator(ctx);
        QueryInput query = new QueryInput(ctx, "role", "channel", "account_id", "limit");
        Role role = query.oneOf("role", List.of(Role.values()));
        String channel = query.text("channel");
        String accountId = query.text("account_id");
        keys.ids().channel("channel", channel, query.errors());
        keys.ids().accountId("account_id", channel, accountId, query.errors());
        int limit = query.limit();
        query.errors().throwIfAny("invalid query");
        Instant now = clock.instant();
        ctx.json(keys.list(role, channel, accountId, limit).stream().map(key -> KeyView.of(key, now)).toList());
    }

    /** {@code POST /api/keys/{id}/revoke}: refused from the next request on, on every instance. */
    public void revoke(Context ctx) {
        Principal principal = ApiAuth.operator(ctx);
        QueryInput.none(ctx);
        ctx.json(KeyView.of(keys.revoke(principal.actor(), PathIds.id(ctx, "API key")), clock.instant()));
    }
}
