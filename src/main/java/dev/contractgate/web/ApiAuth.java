package dev.contractgate.web;

import dev.contractgate.registry.ApiKeys;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.Handler;
import io.javalin.http.UnauthorizedResponse;
import java.security.MessageDigest;

/**
 * Bearer-key authentication for {@code /api/*}, run before every matched API route: a missing or unknown key is
 * answered 401 with {@code WWW-Authenticate: Bearer} (RFC 6750); otherwise the {@link Principal} is attached to the
 * request for the handlers, which check the role (403) with {@link #operator(Context)} or through the registry.
 */
public final class ApiAuth implements Handler {
    static final String CHALLENGE = "WWW-Authenticate";
    private static final String ATTRIBUTE = "contractgate.principal";
    private static final String REALM = "Bearer realm=\"contractgate\"";

    private final ApiKeys keys;
    private final byte[] bootstrapHash;

    /** @param bootstrapOperatorKey {@code CONTRACTGATE_OPERATOR_KEY}, or null when unset */
    public ApiAuth(ApiKeys keys, String bootstrapOperatorKey) {
        this.keys = keys;
        this.bootstrapHash = bootstrapOperatorKey == null ? null : ApiKeys.sha256(bootstrapOperatorKey);
    }

    @Override
    public void handle(Context ctx) {
        String presented = bearer(ctx.header("Authorization"));
        if (presented == null) {
            ctx.header(CHALLENGE, REALM);
            throw new UnauthorizedResponse("an API key is required: send Authorization: Bearer <key>");
        }
        ctx.attribute(ATTRIBUTE, authenticate(ctx, presented));
    }

    /**
     * The principal a presented key stands for, or a 401 saying why not. The bootstrap key is compared by hash, in
     * constant time; a stored key must be neither revoked nor expired.
     */
    private Principal authenticate(Context ctx, String presented) {
        Checked checked = check(presented);
        if (checked.principal() != null) {
            return checked.principal();
        }
        ctx.header(CHALLENGE, REALM + ", error=\"invalid_token\"");
        throw new UnauthorizedResponse(checked.refusal());
    }

    /** A key checked: the principal it stands for, or null and why it was refused. */
    public record Checked(Principal principal, String refusal) {
    }

    /** Checks a presented key as every API request does (the console's sign-in uses it too). */
    public Checked check(String presented) {
        if (bootstrapHash != null && MessageDigest.isEqual(bootstrapHash, ApiKeys.sha256(presented))) {
            return new Checked(Principal.bootstrapOperator(), null);
        }
        ApiKeys.Authentication authentication = keys.authenticate(presented);
        if (authentication instanceof ApiKeys.Accepted accepted) {
            return new Checked(Principal.of(accepted.key()), null);
        }
        return new Checked(null, ((ApiKeys.Refused) authentication).reason());
    }

    /** The principal of an authenticated API request. */
    public static Principal principal(Context ctx) {
        Principal principal = ctx.attribute(ATTRIBUTE);
        if (principal == null) {
            throw new IllegalStateException(ctx.path() + " is not behind ApiAuth");
        }
        return principal;
    }

    /** The principal, which must be an operator: otherwise 403. */
    public static Principal operator(Context ctx) {
        Principal principal = principal(ctx);
        if (!principal.isOperator()) {
            throw new ForbiddenResponse(ctx.method() + " " + ctx.path() + " needs an operator key");
        }
        return principal;
    }

    private static String bearer(String authorization) {
        if (authorization == null) {
            return null;
        }
        String[] parts = authorization.strip().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer") || parts[1].isBlank()) {
            return null;
        }
        return parts[1].strip();
    }
}
