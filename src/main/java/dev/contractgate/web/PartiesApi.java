package dev.contractgate.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contractgate.registry.NewParty;
import dev.contractgate.registry.PartyQuery;
import dev.contractgate.registry.Registry;
import dev.contractgate.registry.Role;
import io.javalin.http.Context;
import java.util.Set;

/** {@code POST /api/parties} and {@code GET /api/parties} (interface.md, "API"). */
public final class PartiesApi {
    private static final Set<String> FIELDS = Set.of("channel", "account_id", "role", "name", "profile_url");

    private final ObjectMapper json;
    private final Registry registry;

    public PartiesApi(ObjectMapper json, Registry registry) {
        this.json = json;
        this.registry = registry;
    }

    /** 201 with the new party; 200 with the stored one when it was already registered with the same role. */
    public void register(Context ctx) {
        Principal principal = ApiAuth.principal(ctx);
        QueryInput.none(ctx);
        JsonInput body = JsonInput.read(json, ctx.bodyAsBytes(), FIELDS);
        NewParty party = new NewParty(body.text("channel"), body.text("account_id"), body.oneOf("role", Role.PARTIES),
                body.text("name"), body.text("profile_url"));
        party.check(registry.ids(), body.errors());
        body.errors().throwIfAny("invalid party");
        Registry.Registration registration = registry.registerParty(principal.actor(), party);
        ctx.status(registration.created() ? 201 : 200).json(registration.party());
    }

    public void list(Context ctx) {
        ApiAuth.operator(ctx);
        QueryInput query = new QueryInput(ctx, "channel", "account_id", "role", "limit");
        String channel = query.text("channel");
        String accountId = query.text("account_id");
        registry.ids().channel("channel", channel, query.errors());
        registry.ids().accountId("account_id", channel, accountId, query.errors());
        PartyQuery parties = new PartyQuery(channel, accountId, query.oneOf("role", Role.PARTIES), query.limit());
        query.errors().throwIfAny("invalid query");
        ctx.json(registry.parties(parties));
    }
}
