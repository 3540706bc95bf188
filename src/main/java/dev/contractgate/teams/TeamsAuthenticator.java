package dev.contractgate.teams;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * Checks the bearer token of an inbound activity as the Bot Framework prescribes (channels.md, "Validating the
 * JWT"), in order: the {@code Bearer} scheme, a well-formed RS256 JWT; a key the Bot Framework publishes; the issuer,
 * our App ID as audience, the validity with five minutes of skew; the key endorsed for the activity's channel (an
 * empty channel is refused); the {@code serviceurl} claim equal to the activity's service URL. Any failure is a
 * {@link Rejected} naming it, and nothing is stored.
 */
final class TeamsAuthenticator {
    static final String ISSUER = "https://api.botframework.com";
    static final Duration SKEW = Duration.ofMinutes(5);
    private static final String BEARER = "Bearer ";

    /** The token is refused (answered with 401). */
    static final class Rejected extends RuntimeException {
        Rejected(String message) {
            super(message);
        }
    }

    /** A token whose signature and claims are good, with the channels its key may sign for. */
    record Verified(JWTClaimsSet claims, java.util.Set<String> endorsements) {
    }

    private final BotFrameworkKeys keys;
    private final String appId;
    private final Clock clock;

    TeamsAuthenticator(BotFrameworkKeys keys, String appId, Clock clock) {
        this.keys = keys;
        this.appId = appId;
        this.clock = clock;
    }

    /** Steps 1 to 3: the scheme, the token's form and algorithm, its key and signature, issuer, audience and times. */
    Verified verify(String authorization) {
        if (authorization == null || !authorization.startsWith(BEARER)) {
            throw new Rejected("send Authorization: Bearer <token>");
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(authorization.substring(BEARER.length()).strip());
        } catch (ParseException e) {
            throw new Rejected("the bearer token is not a well-formed signed JWT");
        }
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
            throw new Rejected("the token is signed with " + jwt.getHeader().getAlgorithm() + "; only RS256 is accepted");
        }
        String keyId = jwt.getHeader().getKeyID();
        Optional<BotFrameworkKeys.SigningKey> key = keyId == null ? Optional.empty() : keys.key(keyId);
        if (key.isEmpty()) {
            throw new Rejected("the token is signed with a key the Bot Framework does not publish (kid " + keyId + ")");
        }
        try {
            if (!jwt.verify(new RSASSAVerifier(key.get().key()))) {
                throw new Rejected("the token's signature does not match its key");
            }
        } catch (JOSEException e) {
            throw new Rejected("the token's signature cannot be checked: " + e.getMessage());
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new Rejected("the token's claims are not readable");
        }
        if (!ISSUER.equals(claims.getIssuer())) {
            throw new Rejected("the token's issuer is " + claims.getIssuer() + ", not " + ISSUER);
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(appId)) {
            throw new Rejected("the token is not for this bot (audience " + claims.getAudience() + ")");
        }
        Instant now = clock.instant();
        Date expires = claims.getExpirationTime();
        if (expires == null || now.isAfter(expires.toInstant().plus(SKEW))) {
            throw new Rejected(expires == null ? "the token has no expiry" : "the token expired at " + expires.toInstant());
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && now.isBefore(notBefore.toInstant().minus(SKEW))) {
            throw new Rejected("the token is not valid before " + notBefore.toInstant());
        }
        return new Verified(claims, key.get().endorsements());
    }

    /** Steps 4 and 5, with what the activity says: its channel and its service URL. */
    void check(Verified token, String channelId, String serviceUrl) {
        if (channelId == null || channelId.isBlank()) {
            throw new Rejected("the activity names no channelId");
        }
        if (!token.endorsements().contains(channelId)) {
            throw new Rejected("the token's key is not endorsed for channel " + channelId);
        }
        Object claimed = token.claims().getClaim("serviceurl");
        if (!(claimed instanceof String claimedUrl) || !claimedUrl.equals(serviceUrl)) {
            throw new Rejected("the activity's serviceUrl is not the one its token names");
        }
    }
}
