package dev.contractgate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
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

    private final String baseUrl;

    public TestHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A finished exchange: status, headers and the whole body. */
    public record Answer(int status, String contentType, String body) {
    }

    public String url(String path) {
        return baseUrl + path;
    }

    public Answer get(String path) {
        return send(new Request.Builder().url(url(path)).get().build());
    }

    public Answer get(String path, String bearer) {
        return send(new Request.Builder().url(url(path)).header("Authorization", "Bearer " + bearer).get().build());
    }

    public Answer post(String path, String bearer, String json) {
        Request.Builder request = new Request.Builder().url(url(path)).post(RequestBody.create(json, JSON));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request.build());
    }

    public Answer send(Request request) {
        try (Response response = CLIENT.newCall(request).execute()) {
            return new Answer(response.code(), response.header("Content-Type"), response.body().string());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.url() + " failed", e);
        }
    }
}
