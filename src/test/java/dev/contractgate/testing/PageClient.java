package dev.contractgate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Cookie;
import okhttp3.CookieJar;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * One browser at the HTTP level: it keeps its cookies, does not follow redirects (tests look at them), and reads
 * the CSRF token out of the last page it was shown, as a form on that page would send it.
 */
public final class PageClient {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final String baseUrl;
    private final List<Cookie> cookies = new ArrayList<>();
    private final OkHttpClient client;
    private String lastCsrf;

    public PageClient(String baseUrl) {
        this.baseUrl = baseUrl;
        this.client = new OkHttpClient.Builder()
                .callTimeout(Duration.ofSeconds(30))
                .followRedirects(false)
                .cookieJar(new CookieJar() {
                    @Override
                    public void saveFromResponse(HttpUrl url, List<Cookie> received) {
                        synchronized (cookies) {
                            for (Cookie cookie : received) {
                                cookies.removeIf(kept -> kept.name().equals(cookie.name()));
                                if (cookie.expiresAt() > System.currentTimeMillis()) {
                                    cookies.add(cookie);
                                }
                            }
                        }
                    }

                    @Override
                    public List<Cookie> loadForRequest(HttpUrl url) {
                        synchronized (cookies) {
                            return cookies.stream().filter(cookie -> cookie.matches(url)).toList();
                        }
                    }
                })
                .build();
    }

    public TestHttp.Answer get(String path) {
        return remember(execute(new Request.Builder().url(url(path)).header("Accept-Language", "ja").get().build()));
    }

    /** A form post carrying the CSRF token of the last page shown. */
    public TestHttp.Answer post(String path, Map<String, String> fields) {
        Map<String, String> withToken = new java.util.LinkedHashMap<>(fields);
        if (lastCsrf != null) {
            withToken.putIfAbsent("csrf", lastCsrf);
        }
        return postExactly(path, withToken);
    }

    /** A form post of exactly these fields (no CSRF token unless one is among them). */
    public TestHttp.Answer postExactly(String path, Map<String, String> fields) {
        FormBody.Builder form = new FormBody.Builder();
        fields.forEach(form::add);
        return remember(execute(new Request.Builder().url(url(path)).header("Accept-Language", "ja").post(form.build()).build()));
    }

    /** Any request, sent with this browser's cookies. */
    public TestHttp.Answer send(Request request) {
        return remember(execute(request));
    }

    public TestHttp.Answer postBody(String path, RequestBody body) {
        return remember(execute(new Request.Builder().url(url(path)).post(body).build()));
    }

    public String csrf() {
        return lastCsrf;
    }

    /** The cookie of this name as the server set it, or null. */
    public Cookie cookie(String name) {
        synchronized (cookies) {
            return cookies.stream().filter(cookie -> cookie.name().equals(name)).findFirst().orElse(null);
        }
    }

    private String url(String path) {
        return path.startsWith("http") ? path : baseUrl + path;
    }

    private TestHttp.Answer remember(TestHttp.Answer answer) {
        Matcher matcher = CSRF.matcher(answer.body());
        if (matcher.find()) {
            lastCsrf = matcher.group(1);
        }
        return answer;
    }

    private TestHttp.Answer execute(Request request) {
        try (Response response = client.newCall(request).execute()) {
            return new TestHttp.Answer(response.code(), response.header("Content-Type"), response.body().string(),
                    response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.url() + " failed", e);
        }
    }
}
