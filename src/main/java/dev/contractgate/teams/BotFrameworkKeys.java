package dev.contractgate.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys that sign the Bot Framework's tokens: the OpenID metadata document names the JWKS. They are cached and
 * read again once a day, and at most once an hour when a token names a key the cache does not know. Each key comes
 * with its {@code endorsements} (the channels it may sign for), read from the raw JSON because nimbus-jose-jwt drops
 * members it does not know.
 */
final class BotFrameworkKeys {
    static final Duration REFRESH_EVERY = Duration.ofDays(1);
    static final Duration UNKNOWN_KEY_REFRESH_AT_MOST_EVERY = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(BotFrameworkKeys.class);

    /** A signing key and the channels it is endorsed for. */
    record SigningKey(RSAKey key, Set<String> endorsements) {
    }

    /** The keys could not be read at all: no token can be checked. */
    static final class UnavailableException extends RuntimeException {
        UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private record Snapshot(Map<String, SigningKey> keys, Instant readAt) {
    }

    private final OkHttpClient http;
    private final HttpUrl metadataUrl;
    private final ObjectMapper json;
    private final Clock clock;
    private volatile Snapshot snapshot;
    private Instant lastUnknownKeyRefresh = Instant.MIN;

    BotFrameworkKeys(OkHttpClient http, String metadataUrl, ObjectMapper json, Clock clock) {
        this.http = http;
        this.metadataUrl = HttpUrl.get(metadataUrl);
        this.json = json;
        this.clock = clock;
    }

    /**
     * The key with this id, or empty when the Bot Framework does not publish it.
     *
     * @throws UnavailableException when the keys were never read and cannot be read now
     */
    Optional<SigningKey> key(String keyId) {
        Instant now = clock.instant();
        Snapshot current = snapshot;
        if (current == null || !now.isBefore(current.readAt().plus(REFRESH_EVERY))) {
            current = refresh(now, "daily");
        }
        SigningKey key = current.keys().get(keyId);
        if (key == null && unknownKeyRefreshAllowed(now)) {
            current = refresh(now, "unknown key id " + keyId);
            key = current.keys().get(keyId);
        }
        return Optional.ofNullable(key);
    }

    private synchronized boolean unknownKeyRefreshAllowed(Instant now) {
        if (now.isBefore(lastUnknownKeyRefresh.plus(UNKNOWN_KEY_REFRESH_AT_MOST_EVERY))) {
            return false;
        }
        lastUnknownKeyRefresh = now;
        return true;
    }

    /** Reads the keys again; keeps the previous ones when that fails (and there are some). */
    private synchronized Snapshot refresh(Instant now, String why) {
        Snapshot previous = snapshot;
        if (previous != null && why.equals("daily") && now.isBefore(previous.readAt().plus(REFRESH_EVERY))) {
            return previous; // another thread just read them
        }
        try {
            Snapshot read = new Snapshot(read(), now);
            snapshot = read;
            log.info("msteams: {} signing key(s) read from {} ({})", read.keys().size(), metadataUrl, why);
            return read;
        } catch (IOException | ParseException | RuntimeException e) {
            if (previous != null) {
                log.warn("msteams: cannot read the signing keys ({}): {}; keeping the {} known", why, e.getMessage(),
                        previous.keys().size());
                return previous;
            }
            throw new UnavailableException("cannot read the Bot Framework's signing keys from " + metadataUrl + ": "
                    + e.getMessage(), e);
        }
    }

    private Map<String, SigningKey> read() throws IOException, ParseException {
        JsonNode metadata = json.readTree(get(metadataUrl));
        HttpUrl jwksUri = HttpUrl.parse(metadata.path("jwks_uri").asText(""));
        if (jwksUri == null) {
            throw new IOException("the OpenID metadata names no jwks_uri");
        }
        String raw = get(jwksUri);
        Map<String, Set<String>> endorsements = new HashMap<>();
        json.readTree(raw).path("keys").forEach(key -> {
            Set<String> channels = new HashSet<>();
            key.path("endorsements").forEach(channel -> channels.add(channel.asText()));
            endorsements.put(key.path("kid").asText(""), Set.copyOf(channels));
        });
        Map<String, SigningKey> keys = new HashMap<>();
        for (JWK key : JWKSet.parse(raw).getKeys()) {
            if (key instanceof RSAKey rsa && rsa.getKeyID() != null) {
                keys.put(rsa.getKeyID(), new SigningKey(rsa, endorsements.getOrDefault(rsa.getKeyID(), Set.of())));
            }
        }
        return Map.copyOf(keys);
    }

    private String get(HttpUrl url) throws IOException {
        try (Response response = http.newCall(new Request.Builder().url(url).get().build()).execute()) {
            if (!response.isSuccessful()) {
                throw new IOException("GET " + url + " answered " + response.code());
            }
            return response.body().string();
        }
    }
}
