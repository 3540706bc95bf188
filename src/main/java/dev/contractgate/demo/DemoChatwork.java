package dev.contractgate.demo;

import io.javalin.Javalin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for the Chatwork API, in-process, for the demo: the bot's account, one room's members, and the messages
 * the bot posts (kept in order so the demo can print them).
 */
final class DemoChatwork implements AutoCloseable {
    /** A message the bot posted. */
    record Post(String roomId, String body) {
    }

    private final Javalin server;
    private final List<Post> posts = new ArrayList<>();
    private final AtomicLong messageIds = new AtomicLong(8_000_000_000_000_000_000L);

    DemoChatwork(String botAccountId, String roomId, Map<String, String> members) {
        server = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/v2/me", ctx -> ctx.json(Map.of("account_id", Long.parseLong(botAccountId), "name", "ContractGate")));
            // The catch-up lists the bot's rooms (GET /rooms) and reads their latest messages.
            config.routes.get("/v2/rooms", ctx -> ctx.json(List.of(Map.of("room_id", Long.parseLong(roomId),
                    "type", "group", "name", "CrowdWorks 案件"))));
            config.routes.get("/v2/rooms/{room}/members", ctx -> {
                List<Map<String, Object>> list = new ArrayList<>();
                if (ctx.pathParam("room").equals(roomId)) {
                    members.forEach((id, name) -> list.add(Map.of("account_id", Long.parseLong(id), "name", name, "role", "member")));
                }
                ctx.json(list);
            });
            config.routes.get("/v2/rooms/{room}/messages", ctx -> {
                List<Map<String, Object>> list = new ArrayList<>();
                for (Post post : posts()) {
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
    public void close() {
        server.stop();
    }
}
