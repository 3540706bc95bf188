package dev.contractgate.chatwork;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contractgate.chat.NetworkErrors;
import dev.contractgate.validation.ControlCharacters;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/** Outbound calls to the Chatwork REST API v2 with the bot account's token (chatwork.md, "REST API"). */
public final class ChatworkClient {
    static final String TOKEN_HEADER = "X-ChatWorkToken";

    private final OkHttpClient http;
    private final HttpUrl baseUrl;
    private final String apiToken;
    private final ObjectMapper mapper;
    private final AtomicReference<RateLimit> lastRateLimit = new AtomicReference<>();

    public ChatworkClient(OkHttpClient http, String baseUrl, String apiToken, ObjectMapper mapper) {
        this.http = http;
        HttpUrl parsed = HttpUrl.parse(baseUrl);
        if (parsed == null) {
            throw new IllegalArgumentException("not an http(s) URL: " + baseUrl);
        }
        this.baseUrl = parsed;
        this.apiToken = apiToken;
        this.mapper = mapper;
    }

    /** The bot account. */
    public record Me(String accountId, String name) {
    }

    /** Chatwork: GET /me. */
    public Me me() {
        JsonNode body = execute(new Request.Builder().url(url("me")).get());
        JsonNode accountId = body.path("account_id");
        if (!accountId.isIntegralNumber() && !accountId.isTextual()) {
            throw new ChatworkException(200, List.of(), null, "GET /me answered without an account_id", null);
        }
        return new Me(accountId.asText(), body.path("name").asText(""));
    }

    /** A room member. */
    public record Member(String accountId, String name) {
    }

    /**
     * A message read from a room.
     *
     * @param updateTime 0 when never edited
     */
    public record Message(String messageId, String accountId, String body, long sendTime, long updateTime) {
    }

    /**
     * A room the bot is in; {@code type} is my, direct or group.
     *
     * @param lastUpdateTime when anything last changed in the room (epoch seconds), 0 when Chatwork did not say
     */
    public record Room(String roomId, String type, long lastUpdateTime) {
    }

    /** Chatwork: GET /rooms — every room the bot account is in. */
    public List<Room> rooms() {
        JsonNode body = execute(new Request.Builder().url(url("rooms")).get());
        List<Room> rooms = new ArrayList<>();
        if (body != null) {
            body.forEach(room -> rooms.add(new Room(room.path("room_id").asText(), room.path("type").asText(""),
                    room.path("last_update_time").canConvertToLong() ? Math.max(0, room.path("last_update_time").asLong()) : 0)));
        }
        return rooms;
    }

    /** Chatwork: GET /rooms/{room_id}/members; an answer that is not a list of accounts is refused. */
    public List<Member> roomMembers(String roomId) {
        JsonNode body = execute(new Request.Builder().url(url("rooms", roomId, "members")).get());
        List<Member> members = new ArrayList<>();
        if (body == null) {
            return members;
        }
        if (!body.isArray()) {
            throw new ChatworkException(200, List.of(), lastRateLimit.get(),
                    "GET /rooms/" + roomId + "/members answered " + body.getNodeType() + ", not a list", null);
        }
        for (JsonNode member : body) {
            JsonNode accountId = member.path("account_id");
            if (!accountId.isIntegralNumber() && !(accountId.isTextual() && accountId.asText().matches("[0-9]{1,20}"))) {
                throw new ChatworkException(200, List.of(), lastRateLimit.get(),
                        "GET /rooms/" + roomId + "/members answered a member without an account_id", null);
            }
            members.add(new Member(accountId.asText(), ControlCharacters.stripFromChat(member.path("name").asText(""))));
        }
        return members;
    }

    /** Chatwork: GET /rooms/{room_id}/messages?force=1 — the latest 100 messages, oldest first. */
    public List<Message> latestMessages(String roomId) {
        HttpUrl url = url("rooms", roomId, "messages").newBuilder().addQueryParameter("force", "1").build();
        JsonNode body = execute(new Request.Builder().url(url).get());
        List<Message> messages = new ArrayList<>();
        if (body != null) {
            body.forEach(message -> messages.add(new Message(message.path("message_id").asText(),
                    message.path("account").path("account_id").asText(), message.path("body").asText(""),
                    message.path("send_time").asLong(), message.path("update_time").asLong())));
        }
        return messages;
    }

    /** Chatwork: POST /rooms/{room_id}/messages (form-encoded UTF-8); returns the new message id. */
    public String postMessage(String roomId, String text) {
        FormBody form = new FormBody.Builder(java.nio.charset.StandardCharsets.UTF_8)
                .add("body", text)
                .add("self_unread", "0")
                .build();
        JsonNode body = execute(new Request.Builder().url(url("rooms", roomId, "messages")).post(form));
        if (body == null || !body.hasNonNull("message_id")) {
            throw new ChatworkException(200, List.of(), lastRateLimit.get(), "POST /rooms/" + roomId
                    + "/messages answered without a message_id", null);
        }
        return body.get("message_id").asText();
    }

    /** The budget announced by the latest response that carried {@code X-RateLimit-*} headers, or null. */
    public RateLimit lastRateLimit() {
        return lastRateLimit.get();
    }

    HttpUrl url(String... segments) {
        HttpUrl.Builder builder = baseUrl.newBuilder();
        for (String segment : segments) {
            builder.addPathSegment(segment);
        }
        return builder.build();
    }

    /** Runs a request; a non-2xx answer or no answer becomes a {@link ChatworkException}. Empty bodies read as null. */
    JsonNode execute(Request.Builder request) {
        Request built = request.header(TOKEN_HEADER, apiToken).header("Accept", "application/json").build();
        String basePath = baseUrl.encodedPath().endsWith("/")
                ? baseUrl.encodedPath().substring(0, baseUrl.encodedPath().length() - 1) : baseUrl.encodedPath();
        String what = built.method() + " " + built.url().encodedPath().substring(basePath.length());
        try (Response response = http.newCall(built).execute()) {
            RateLimit rateLimit = RateLimit.from(response.headers());
            if (rateLimit != null) {
                lastRateLimit.set(rateLimit);
            }
            ResponseBody body = response.body();
            String text = body.string();
            if (!response.isSuccessful()) {
                List<String> errors = errors(text);
                throw new ChatworkException(response.code(), errors, rateLimit,
                        what + " answered " + response.code() + (errors.isEmpty() ? "" : ": " + String.join("; ", errors)), null);
            }
            return text.isBlank() ? null : mapper.readTree(text);
        } catch (IOException e) {
            throw new ChatworkException(0, List.of(), null, what + " failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e,
                    !NetworkErrors.certainlyNotSent(e));
        }
    }

    private List<String> errors(String text) {
        List<String> errors = new ArrayList<>();
        try {
            JsonNode node = text.isBlank() ? null : mapper.readTree(text);
            if (node != null) {
                node.path("errors").forEach(error -> errors.add(error.asText()));
            }
        } catch (IOException e) {
            errors.add(text.length() > 200 ? text.substring(0, 200) : text);
        }
        return errors;
    }
}
