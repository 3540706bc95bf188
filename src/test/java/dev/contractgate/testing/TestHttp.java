package dev.contractgate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contractgate.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** A small HTTP client for tests against the service on loopback. */
public final class TestHttp {
    public static final MediaType JSON = MediaType.get("application/json");
    private static final OkHttpClient CLIENT = new OkHttpClient.Builder()
            .callTimeout(Duration.ofSeconds(30))
            .retryOnConnectionFailure(false)
            .build();

    private static final ObjectMapper MAPPER = Json.create();

    private final String baseUrl;

    public TestHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A finished exchange: status, headers and the whole body. */
    public record Answer(int status, String contentType, String body, Headers headers) {
        public String header(String name) {
            return headers.get(name);
        }

        /** The body as JSON (the API's conventions, see {@link Json}). */
        public JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }

    public String url(String path) {
        return baseUrl + path;
    }

    public Answer get(String path) {
        return send(new Request.Builder().url(url(path)).get().build());
    }

    /** A GET with {@code Authorization: Bearer <bearer>}, or none when {@code bearer} is null. */
    public Answer get(String path, String bearer) {
        return send(authorized(new Request.Builder().url(url(path)).get(), bearer));
    }

    public Answer post(String path, String bearer, String json) {
        return send(authorized(new Request.Builder().url(url(path)).post(RequestBody.create(json, JSON)), bearer));
    }

    /** A POST of {@code body} written as JSON with the API's conventions. */
    public Answer postJson(String path, String bearer, Object body) {
        try {
            return post(path, bearer, MAPPER.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Request authorized(Request.Builder request, String bearer) {
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return request.build();
    }

    public Answer send(Request request) {
        try (Response response = CLIENT.newCall(request).execute()) {
            return new Answer(response.code(), response.header("Content-Type"), response.body().string(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.url() + " failed", e);
        }
    }
}
