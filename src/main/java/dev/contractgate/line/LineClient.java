package dev.contractgate.line;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
 * Outbound calls to the LINE Messaging API with the channel access token. Every non-2xx answer, and every call that
 * got no answer, is a {@link LineException}; the token is never part of a message.
 */
final class LineClient {
    static final String RETRY_KEY = "X-Line-Retry-Key";
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final int MAX_MEMBER_PAGES = 100;
    /** Answers are small JSON documents; anything larger is not one. */
    private static final long MAX_ANSWER_BYTES = 1 << 20;

    /** What LINE said when it accepted a message: the new message's id, or null when it did not say. */
    record Sent(String messageId) {
    }

    /** The account's monthly quota: {@code limit} null when the plan has none. */
    record Quota(Long limit, long used) {
    }

    private final OkHttpClient http;
    private final HttpUrl api;
    private final String token;
    private final ObjectMapper json;

    LineClient(OkHttpClient http, String apiUrl, String token, ObjectMapper json) {
        this.http = http;
        this.api = HttpUrl.get(apiUrl);
        this.token = token;
        this.json = json;
    }

    /** {@code POST /v2/bot/message/reply}: free, with the event's single-use reply token. */
    Sent reply(String replyToken, ArrayNode messages) {
        ObjectNode body = json.createObjectNode().put("replyToken", replyToken);
        body.set("messages", messages);
        return sent(execute(post(url("v2", "bot", "message", "reply"), body)));
    }

    /**
     * {@code POST /v2/bot/message/push} with {@code X-Line-Retry-Key}: LINE accepts one request per key, so a retry
     * after a timeout or a crash cannot post twice. A 409 says the key was accepted before: the message was sent.
     */
    Sent push(String to, ArrayNode messages, String retryKey) {
        ObjectNode body = json.createObjectNode().put("to", to);
        body.set("messages", messages);
        Request.Builder request = post(url("v2", "bot", "message", "push"), body);
        if (retryKey != null) {
            request.header(RETRY_KEY, retryKey);
        }
        try {
            return sent(execute(request));
        } catch (LineException e) {
            if (e.status() == 409 && retryKey != null) {
                return new Sent(null);
            }
            throw e;
        }
    }

    /**
     * A member's profile: {@code GET /v2/bot/group/{groupId}/member/{userId}} (works for members who are not friends),
     * {@code /v2/bot/room/{roomId}/member/{userId}}, or for a 1:1 chat {@code /v2/bot/profile/{userId}}.
     */
    Member profile(String roomId, String userId) {
        HttpUrl url = roomId.startsWith("C") ? url("v2", "bot", "group", roomId, "member", userId)
                : roomId.startsWith("R") ? url("v2", "bot", "room", roomId, "member", userId)
                : url("v2", "bot", "profile", userId);
        JsonNode answer = execute(new Request.Builder().url(url).get());
        if (answer == null || !answer.path("displayName").isTextual()) {
            throw new LineException(200, false, null, "GET " + url.encodedPath() + " answered without a displayName", null);
        }
        return new Member(userId, answer.path("displayName").textValue());
    }

    /**
     * {@code GET /v2/bot/group/{groupId}/members/ids} (or {@code /room/…}), every page. LINE lets only verified and
     * premium accounts call it; others get 403.
     */
    List<String> memberIds(String roomId) {
        List<String> ids = new ArrayList<>();
        String start = null;
        for (int page = 0; page < MAX_MEMBER_PAGES; page++) {
            HttpUrl.Builder url = url("v2", "bot", roomId.startsWith("R") ? "room" : "group", roomId, "members", "ids")
                    .newBuilder();
            if (start != null) {
                url.addQueryParameter("start", start);
            }
            JsonNode answer = execute(new Request.Builder().url(url.build()).get());
            if (answer == null || !answer.path("memberIds").isArray()) {
                throw new LineException(200, false, null, "GET " + url.build().encodedPath()
                        + " answered without memberIds", null);
            }
            answer.path("memberIds").forEach(id -> ids.add(id.asText()));
            start = answer.path("next").asText("");
            if (start.isEmpty()) {
                return ids;
            }
        }
        return ids;
    }

    /** {@code GET /v2/bot/group/{groupId}/members/count} (or {@code /room/…}): the members besides the bot. */
    long memberCount(String roomId) {
        HttpUrl url = url("v2", "bot", roomId.startsWith("R") ? "room" : "group", roomId, "members", "count");
        JsonNode answer = execute(new Request.Builder().url(url).get());
        if (answer == null || !answer.path("count").canConvertToLong()) {
            throw new LineException(200, false, null, "GET " + url.encodedPath() + " answered without a count", null);
        }
        return answer.path("count").asLong();
    }

    /** {@code GET /v2/bot/message/quota} and {@code /v2/bot/message/quota/consumption}. */
    Quota quota() {
        JsonNode quota = execute(new Request.Builder().url(url("v2", "bot", "message", "quota")).get());
        JsonNode consumption = execute(new Request.Builder().url(url("v2", "bot", "message", "quota", "consumption")).get());
        if (quota == null || consumption == null || !consumption.path("totalUsage").canConvertToLong()) {
            throw new LineException(200, false, null, "the quota answers are not what LINE documents", null);
        }
        Long limit = "limited".equals(quota.path("type").asText()) ? quota.path("value").asLong() : null;
        return new Quota(limit, consumption.path("totalUsage").asLong());
    }

    /** {@code GET /v2/bot/info}: the bot's own user id. */
    String botUserId() {
        JsonNode answer = execute(new Request.Builder().url(url("v2", "bot", "info")).get());
        String id = answer == null ? null : answer.path("userId").asText(null);
        if (id == null || !LineEvents.USER_ID.matcher(id).matches()) {
            throw new LineException(200, false, null, "GET /v2/bot/info answered without the bot's userId", null);
        }
        return id;
    }

    private HttpUrl url(String... segments) {
        HttpUrl.Builder url = api.newBuilder();
        for (String segment : segments) {
            url.addPathSegment(segment);
        }
        return url.build();
    }

    private Request.Builder post(HttpUrl url, ObjectNode body) {
        return new Request.Builder().url(url)
                .post(RequestBody.create(body.toString().getBytes(StandardCharsets.UTF_8), JSON));
    }

    private static Sent sent(JsonNode answer) {
        JsonNode first = answer == null ? null : answer.path("sentMessages").path(0);
        return new Sent(first == null || first.isMissingNode() ? null : first.path("id").asText(null));
    }

    private JsonNode execute(Request.Builder request) {
        Request built = request.header("Authorization", "Bearer " + token).header("Accept", "application/json").build();
        String what = built.method() + " " + built.url().encodedPath();
        try (Response response = http.newCall(built).execute()) {
            String text = response.body().source().request(MAX_ANSWER_BYTES)
                    ? null : response.body().string();
            if (text == null) {
                throw new LineException(response.code(), response.code() >= 500, null, what + " answered more than "
                        + MAX_ANSWER_BYTES + " bytes", null);
            }
            if (!response.isSuccessful()) {
                String message = lineMessage(text);
                throw new LineException(response.code(), response.code() >= 500, message,
                        what + " answered " + response.code() + (message == null ? "" : ": " + message), null);
            }
            return parsed(text);
        } catch (IOException e) {
            throw new LineException(0, !NetworkErrors.certainlyNotSent(e), null,
                    what + " failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A successful answer as JSON, or null when it is empty or not JSON: what was asked for was done (a message sent),
     * and a read that needs the answer refuses the null.
     */
    private JsonNode parsed(String text) {
        try {
            return text.isBlank() ? null : json.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }

    /** LINE's error body: {@code {"message": "...", "details": [...]}}; cut short, without control characters. */
    private String lineMessage(String text) {
        try {
            JsonNode body = json.readTree(text);
            String message = body == null ? null : body.path("message").asText(null);
            if (message == null) {
                return null;
            }
            String clean = message.replaceAll("\\p{Cntrl}", " ");
            return clean.length() > 200 ? clean.substring(0, 200) : clean;
        } catch (IOException e) {
            return null;
        }
    }
}
