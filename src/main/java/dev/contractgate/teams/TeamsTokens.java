package dev.contractgate.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The bot's own token for the Connector: the client-credentials grant at the tenant's token endpoint, with scope
 * {@code https://api.botframework.com/.default}. Cached, and fetched again about five minutes before it expires.
 */
final class TeamsTokens {
    static final String SCOPE = "https://api.botframework.com/.default";
    static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);

    private record Token(String value, Instant refreshAt) {
    }

    private final OkHttpClient http;
    private final String tokenUrl;
    private final String appId;
    private final String appPassword;
    private final ObjectMapper json;
    private final Clock clock;
    private Token token;

    TeamsTokens(OkHttpClient http, String tokenUrl, String appId, String appPassword, ObjectMapper json, Clock clock) {
        this.http = http;
        this.tokenUrl = tokenUrl;
        this.appId = appId;
        this.appPassword = appPassword;
        this.json = json;
        this.clock = clock;
    }

    /** A token good for a while yet. */
    synchronized String token() {
        Instant now = clock.instant();
        if (token == null || !now.isBefore(token.refreshAt())) {
            token = fetch(now);
        }
        return token.value();
    }

    /** The Connector refused the token: fetch a new one next time. */
    synchronized void forget() {
        token = null;
    }

    private Token fetch(Instant now) {
        FormBody form = new FormBody.Builder()
                .add("grant_type", "client_credentials")
                .add("client_id", appId)
                .add("client_secret", appPassword)
                .add("scope", SCOPE)
                .build();
        try (Response response = http.newCall(new Request.Builder().url(tokenUrl).post(form).build()).execute()) {
            String text = response.body().string();
            if (!response.isSuccessful()) {
                throw new TeamsException(response.code(), false, null, "the token endpoint answered " + response.code()
                        + describeError(text), null, true);
            }
            JsonNode body = json.readTree(text);
            String value = body.path("access_token").asText("");
            long expiresIn = body.path("expires_in").asLong(0);
            if (value.isEmpty() || expiresIn <= 0) {
                throw new TeamsException(200, false, null, "the token endpoint answered without access_token/expires_in",
                        null, true);
            }
            Duration early = Duration.ofSeconds(expiresIn).compareTo(REFRESH_BEFORE_EXPIRY.multipliedBy(2)) > 0
                    ? REFRESH_BEFORE_EXPIRY : Duration.ofSeconds(expiresIn / 2);
            return new Token(value, now.plusSeconds(expiresIn).minus(early));
        } catch (IOException e) {
            throw new TeamsException(0, false, null, "the token endpoint cannot be reached: " + e.getMessage(), e, true);
        }
    }

    /** The OAuth error code only: the description can echo request details. */
    private String describeError(String text) {
        try {
            String error = json.readTree(text).path("error").asText("");
            return error.isEmpty() ? "" : " (" + error + ")";
        } catch (IOException e) {
            return "";
        }
    }
}
