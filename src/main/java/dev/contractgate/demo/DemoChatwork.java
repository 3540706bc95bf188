package dev.contractgate.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contractgate.Json;
import dev.contractgate.chatwork.ChatworkSignature;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the Chatwork API, in-process, for the demo: the bot's account, one room's members, and the messages
 * the bot posts (kept in order so the demo can print them). Messages go in as signed webhooks.
 */
final class DemoChatwork implements DemoChannel {
    private static final Pattern INFO = Pattern.compile("\\[info](?:\\[title](.*?)\\[/title])?(.*?)\\[/info]", Pattern.DOTALL);
    private static final Pattern ADDRESSEE = Pattern.compile("\\[(?:To:|rp aid=)(\\d+)");

    /** A message the bot posted. */
    record Post(String roomId, String body) {
    }

    private final Javalin server;
    private final String botAccountId;
    private final String roomId;
    private final String directRoomId;
    private final Map<String, String> names;
    private final String webhookToken;
    private final ObjectMapper json = Json.create();
    private final AtomicLong nextMessageId = new AtomicLong(990_000_000_000_000_000L);
    private final List<Post> posts = new ArrayList<>();
    private final AtomicLong messageIds = new AtomicLong(8_000_000_000_000_000_000L);

    /** @param directRoomId the one-to-one chat of {@code directWith} with the bot */
    DemoChatwork(String botAccountId, String roomId, String directRoomId, String directWith, Map<String, String> members) {
        this.botAccountId = botAccountId;
        this.roomId = roomId;
        this.directRoomId = directRoomId;
        this.names = Map.copyOf(members);
        byte[] token = new byte[32];
        new SecureRandom().nextBytes(token);
        this.webhookToken = Base64.getEncoder().encodeToString(token);
        server = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/v2/me", ctx -> ctx.json(Map.of("account_id", Long.parseLong(botAccountId), "name", "ContractGate")));
            // The catch-up lists the bot's rooms (GET /rooms) and reads their latest messages.
            config.routes.get("/v2/rooms", ctx -> ctx.json(List.of(Map.of("room_id", Long.parseLong(roomId),
                    "type", "group", "name", "CrowdWorks 案件"), Map.of("room_id", Long.parseLong(directRoomId),
                    "type", "direct", "name", members.get(directWith)))));
            config.routes.get("/v2/rooms/{room}/members", ctx -> {
                List<Map<String, Object>> list = new ArrayList<>();
                if (ctx.pathParam("room").equals(roomId)) {
                    members.forEach((id, name) -> list.add(Map.of("account_id", Long.parseLong(id), "name", name, "role", "member")));
                } else if (ctx.pathParam("room").equals(directRoomId)) {
                    for (String id : List.of(botAccountId, directWith)) {
                        list.add(Map.of("account_id", Long.parseLong(id), "name", members.get(id), "role", "admin"));
                    }
                }
                ctx.json(list);
            });
            config.routes.get("/v2/rooms/{room}/messages", ctx -> {
                List<Map<String, Object>> list = new ArrayList<>();
                for (Post post : posts()) {
                    if (!post.roomId().equals(ctx.pathParam("room"))) {
                        continue;
                    }
                    Map<String, Object> message = new LinkedHashMap<>();
                    message.put("message_id", String.valueOf(messageIds.get()));
                    message.put("account", Map.of("account_id", Long.parseLong(botAccountId)));
                    message.put("body", post.body());
                    list.add(message);
                }
                ctx.json(list);
            });
            config.routes.post("/v2/rooms/{room}/messages", ctx -> {
                synchronized (posts) {
                    posts.add(new Post(ctx.pathParam("room"), ctx.formParam("body")));
                }
                ctx.json(Map.of("message_id", String.valueOf(messageIds.incrementAndGet())));
            });
        });
        server.start("127.0.0.1", 0);
    }

    String apiUrl() {
        return "http://127.0.0.1:" + server.port() + "/v2";
    }

    List<Post> posts() {
        synchronized (posts) {
            return List.copyOf(posts);
        }
    }

    @Override
    public String label() {
        return "Chatwork";
    }

    @Override
    public Map<String, String> environment() {
        return Map.of("CHATWORK_API_URL", apiUrl(), "CHATWORK_API_TOKEN", "demo-token",
                "CHATWORK_BOT_ACCOUNT_ID", botAccountId, "CHATWORK_WEBHOOK_TOKENS", webhookToken);
    }

    @Override
    public String shown(Demo.Say say) {
        return (say.toBot() ? "[TO ContractGate] " : "") + say.text();
    }

    @Override
    public void deliver(String serviceUrl, Demo.Say say) {
        long now = System.currentTimeMillis() / 1000;
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("message_id", String.valueOf(nextMessageId.incrementAndGet()));
        event.put("room_id", Long.parseLong(say.direct() ? directRoomId : roomId));
        event.put("account_id", Long.parseLong(say.speaker()));
        event.put("body", (say.toBot() ? "[To:" + botAccountId + "]ContractGateさん\n" : "") + say.text());
        event.put("send_time", now);
        event.put("update_time", 0);
        Map<String, Object> delivery = new LinkedHashMap<>();
        delivery.put("webhook_setting_id", "1");
        delivery.put("webhook_event_type", "message_created");
        delivery.put("webhook_event_time", now);
        delivery.put("webhook_event", event);
        byte[] body;
        try {
            body = json.writeValueAsBytes(delivery);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Demo.post(serviceUrl + "/webhooks/chatwork", Map.of(ChatworkSignature.HEADER, ChatworkSignature.sign(webhookToken, body)), body);
    }

    @Override
    public List<Shown> replies() {
        List<Shown> shown = new ArrayList<>();
        for (Post post : posts()) {
            List<String> addressees = new ArrayList<>();
            Matcher to = ADDRESSEE.matcher(post.body());
            while (to.find()) {
                addressees.add(names.getOrDefault(to.group(1), to.group(1)));
            }
            Matcher info = INFO.matcher(post.body());
            boolean privately = post.roomId().equals(directRoomId);
            shown.add(info.find() ? new Shown(addressees, info.group(1), info.group(2).lines().toList(), privately)
                    : new Shown(addressees, null, post.body().lines().toList(), privately));
        }
        return shown;
    }

    @Override
    public void close() {
        server.stop();
    }
}
