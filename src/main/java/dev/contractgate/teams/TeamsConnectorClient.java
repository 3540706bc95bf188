package dev.contractgate.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contractgate.chat.Member;
import dev.contractgate.chat.NetworkErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Outbound calls to the Bot Connector REST API v3 at a conversation's service URL, with the bot's token. The token
 * goes only to an allowed host ({@link ServiceUrls}). A conversation id is one path segment, percent-encoded as the
 * official client encodes it.
 */
final class TeamsConnectorClient {
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final int MAX_MEMBER_PAGES = 100;
    private static final String UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

    private final OkHttpClient http;
    private final TeamsTokens tokens;
    private final ServiceUrls serviceUrls;
    private final ObjectMapper json;

    TeamsConnectorClient(OkHttpClient http, TeamsTokens tokens, ServiceUrls serviceUrls, ObjectMapper json) {
        this.http = http;
        this.tokens = tokens;
        this.serviceUrls = serviceUrls;
        this.json = json;
    }

    /**
     * Connector: {@code POST /v3/conversations/{conversationId}/activities}, or, answering an activity in its
     * thread, {@code POST /v3/conversations/{conversationId}/activities/{activityId}}.
     *
     * @return the id of the new activity
     */
    String send(String serviceUrl, String conversationId, String replyToId, ObjectNode activity) {
        HttpUrl.Builder url = conversation(serviceUrl, conversationId).addPathSegment("activities");
        if (replyToId != null) {
            url.addEncodedPathSegment(encode(replyToId));
        }
        RequestBody body = RequestBody.create(activity.toString().getBytes(StandardCharsets.UTF_8), JSON);
        JsonNode answer = execute(new Request.Builder().url(url.build()).post(body));
        return answer == null ? "" : answer.path("id").asText("");
    }

    /** Connector: {@code GET /v3/conversations/{conversationId}/pagedmembers}, every page. */
    List<Member> members(String serviceUrl, String conversationId) {
        List<Member> members = new ArrayList<>();
        String continuation = null;
        for (int page = 0; page < MAX_MEMBER_PAGES; page++) {
            HttpUrl.Builder url = conversation(serviceUrl, conversationId).addPathSegment("pagedmembers")
                    .addQueryParameter("pageSize", "500");
            if (continuation != null) {
                url.addQueryParameter("continuationToken", continuation);
            }
            JsonNode answer = execute(new Request.Builder().url(url.build()).get());
            if (answer == null) {
                break;
            }
            answer.path("members").forEach(member -> {
                String aad = member.path("aadObjectId").asText("");
                String id = aad.isEmpty() ? member.path("id").asText("") : aad.toLowerCase(java.util.Locale.ROOT);
                if (!id.isEmpty()) {
                    members.add(new Member(id, member.path("name").asText(null)));
                }
            });
            continuation = answer.path("continuationToken").asText("");
            if (continuation.isEmpty()) {
                break;
            }
        }
        return members;
    }

    private HttpUrl.Builder conversation(String serviceUrl, String conversationId) {
        return serviceUrls.allowed(serviceUrl).newBuilder()
                .addPathSegment("v3").addPathSegment("conversations").addEncodedPathSegment(encode(conversationId));
    }

    /** Every char outside the unreserved set, as UTF-8 percent escapes: {@code a:1x} → {@code a%3A1x}. */
    static String encode(String segment) {
        StringBuilder out = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && UNRESERVED.indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** Runs a call with the token; a non-2xx answer or no answer becomes a {@link TeamsException}. */
    private JsonNode execute(Request.Builder request) {
        Request built = request.header("Authorization", "Bearer " + tokens.token()).header("Accept", "application/json").build();
        String what = built.method() + " " + built.url().encodedPath();
        try (Response response = http.newCall(built).execute()) {
            String text = response.body().string();
            if (!response.isSuccessful()) {
                if (response.code() == 401) {
                    tokens.forget();
                }
                throw new TeamsException(response.code(), response.code() >= 500, retryAfter(response),
                        what + " answered " + response.code() + errorCode(text), null);
            }
            return text.isBlank() ? null : json.readTree(text);
        } catch (IOException e) {
            throw new TeamsException(0, !NetworkErrors.certainlyNotSent(e), null,
                    what + " failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static Long retryAfter(Response response) {
        String value = response.header("Retry-After");
        try {
            return value == null ? null : Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private String errorCode(String text) {
        try {
            JsonNode error = json.readTree(text).path("error");
            String code = error.path("code").asText("");
            String message = error.path("message").asText("");
            return code.isEmpty() ? "" : " (" + code + (message.isEmpty() ? "" : ": " + message) + ")";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
