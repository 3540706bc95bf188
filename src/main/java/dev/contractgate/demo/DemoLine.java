package dev.contractgate.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contractgate.line.LineSignature;
import io.javalin.Javalin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for the LINE Messaging API, in-process, for the demo: a group with the demo's two people, their
 * profiles, a plan without a quota, and a reply endpoint that keeps what the bot sends. Messages go in as deliveries
 * signed with the channel secret, each with a fresh reply token.
 */
final class DemoLine implements DemoChannel {
    static final String SECRET = "de000de000de000de000de000de000de";
    static final String GROUP = "C" + "d".repeat(32);
    private static final String BOT = "U" + "b".repeat(32);

    private final Javalin server;
    private final Map<String, String> names;
    private final ObjectMapper json = new ObjectMapper();
    private final List<JsonNode> posts = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong(600_000_000_000_000L);

    /** @param names display names by the demo's speaker ids */
    DemoLine(Map<String, String> names) {
        this.names = Map.copyOf(names);
        server = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/v2/bot/info", ctx -> ctx.json(Map.of("userId", BOT, "displayName", "ContractGate")));
            config.routes.get("/v2/bot/message/quota", ctx -> ctx.json(Map.of("type", "none")));
            config.routes.get("/v2/bot/message/quota/consumption", ctx -> ctx.json(Map.of("totalUsage", 0)));
            config.routes.get("/v2/bot/group/{id}/members/ids", ctx -> ctx.json(Map.of("memberIds",
                    this.names.keySet().stream().map(DemoLine::userId).toList())));
            config.routes.get("/v2/bot/group/{id}/members/count", ctx -> ctx.json(Map.of("count", this.names.size())));
            config.routes.get("/v2/bot/group/{id}/member/{user}", ctx -> ctx.json(Map.of("userId", ctx.pathParam("user"),
                    "displayName", nameOf(ctx.pathParam("user")))));
            config.routes.post("/v2/bot/message/reply", ctx -> ctx.json(keep(ctx.body())));
            config.routes.post("/v2/bot/message/push", ctx -> ctx.json(keep(ctx.body())));
        });
        server.start("127.0.0.1", 0);
    }

    private synchronized Map<String, Object> keep(String body) throws IOException {
        posts.add(json.readTree(body).path("messages").path(0));
        return Map.of("sentMessages", List.of(Map.of("id", String.valueOf(ids.incrementAndGet()))));
    }

    private String base() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The demo's speakers as LINE user ids. */
    private static String userId(String speaker) {
        return String.format("U%032x", Long.parseLong(speaker));
    }

    private String nameOf(String userId) {
        return names.entrySet().stream().filter(entry -> userId(entry.getKey()).equals(userId))
                .map(Map.Entry::getValue).findFirst().orElse(userId);
    }

    @Override
    public String label() {
        return "LINE";
    }

    @Override
    public Map<String, String> environment() {
        return Map.of("LINE_CHANNEL_SECRET", SECRET, "LINE_CHANNEL_ACCESS_TOKEN", "demo-access-token",
                "LINE_API_URL", base());
    }

    @Override
    public String shown(Demo.Say say) {
        return (say.toBot() ? "@ContractGate " : "") + say.text();
    }

    @Override
    public void deliver(String serviceUrl, Demo.Say say) {
        String mention = "@ContractGate";
        ObjectNode event = json.createObjectNode().put("type", "message").put("mode", "active")
                .put("timestamp", System.currentTimeMillis()).put("webhookEventId", String.format("01D%023d", ids.incrementAndGet()))
                .put("replyToken", String.format("%032x", ids.incrementAndGet()));
        event.putObject("source").put("type", "group").put("groupId", GROUP).put("userId", userId(say.speaker()));
        event.putObject("deliveryContext").put("isRedelivery", false);
        ObjectNode message = event.putObject("message").put("id", String.valueOf(ids.incrementAndGet())).put("type", "text")
                .put("text", (say.toBot() ? mention + " " : "") + say.text());
        if (say.toBot()) {
            message.putObject("mention").putArray("mentionees").addObject().put("index", 0).put("length", mention.length())
                    .put("type", "user").put("userId", BOT).put("isSelf", true);
        }
        ObjectNode delivery = json.createObjectNode().put("destination", BOT);
        delivery.putArray("events").add(event);
        byte[] body = delivery.toString().getBytes(StandardCharsets.UTF_8);
        Demo.post(serviceUrl + "/webhooks/line", Map.of(LineSignature.HEADER, LineSignature.sign(SECRET, body)), body);
    }

    @Override
    public synchronized List<Shown> replies() {
        List<Shown> shown = new ArrayList<>();
        for (JsonNode post : posts) {
            List<String> addressees = new ArrayList<>();
            post.path("substitution").forEach(value -> addressees.add(nameOf(value.path("mentionee").path("userId").asText())));
            List<String> lines = new ArrayList<>(post.path("text").asText().replace("{{", "{").replace("}}", "}").lines().toList());
            if (!lines.isEmpty() && lines.get(0).matches("(\\{m\\d+}\\s*)+")) {
                lines.remove(0);
            }
            String title = null;
            if (!lines.isEmpty() && lines.get(0).startsWith("【") && lines.get(0).endsWith("】")) {
                String heading = lines.remove(0);
                title = heading.substring(1, heading.length() - 1);
            }
            shown.add(new Shown(addressees, title, lines));
        }
        return shown;
    }

    @Override
    public void close() {
        server.stop();
    }
}
