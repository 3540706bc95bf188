package dev.contractgate.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for Microsoft's side of a Teams bot, in-process, for the demo: the Bot Framework's signing keys, the
 * token endpoint, and a Connector that keeps what the bot posts to one group chat. Messages go in as activities
 * signed the way the Bot Framework signs them.
 */
final class DemoTeams implements DemoChannel {
    static final String APP_ID = "c0a7c0a7-0000-4000-8000-000000000001";
    static final String TENANT_ID = "7e7e7e7e-0000-4000-8000-000000000001";
    static final String CHAT = "19:demo-chat@thread.v2";
    private static final String BOT_ID = "28:" + APP_ID;
    private static final Pattern TITLE = Pattern.compile("^<b>(.*?)</b><br>");

    private final Javalin server;
    private final RSAKey key;
    private final Map<String, String> names;
    private final ObjectMapper json = new ObjectMapper();
    private final List<JsonNode> posts = new ArrayList<>();
    private final List<String> postedIn = new ArrayList<>();
    private final AtomicLong activityIds = new AtomicLong(1_700_000_000_000L);

    /** @param names display names by the demo's speaker ids */
    DemoTeams(Map<String, String> names) {
        this.names = Map.copyOf(names);
        try {
            key = new RSAKeyGenerator(2048).keyID("demo-key").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        server = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/openid", ctx -> ctx.json(Map.of("issuer", "https://api.botframework.com",
                    "jwks_uri", base() + "/keys")));
            config.routes.get("/keys", ctx -> {
                ObjectNode jwk = (ObjectNode) json.readTree(key.toPublicJWK().toJSONString());
                jwk.putArray("endorsements").add("msteams");
                ctx.contentType("application/json").result("{\"keys\":[" + jwk + "]}");
            });
            config.routes.post("/{tenant}/oauth2/v2.0/token", ctx -> ctx.json(Map.of("token_type", "Bearer",
                    "expires_in", 3600, "access_token", "demo-bot-token")));
            config.routes.get("/teams/v3/conversations/{id}/pagedmembers", ctx -> {
                ArrayNode members = json.createArrayNode();
                String conversation = java.net.URLDecoder.decode(ctx.pathParam("id"), StandardCharsets.UTF_8);
                this.names.forEach((speaker, name) -> {
                    if (conversation.equals(CHAT) || conversation.equals(personal(speaker))) {
                        members.addObject().put("id", "29:" + speaker).put("name", name).put("aadObjectId", aad(speaker));
                    }
                });
                ctx.contentType("application/json").result("{\"members\":" + members + "}");
            });
            config.routes.post("/teams/v3/conversations/{id}/activities", ctx -> ctx.json(keep(ctx.pathParam("id"), ctx.body())));
            config.routes.post("/teams/v3/conversations/{id}/activities/{activity}", ctx -> ctx.json(keep(ctx.pathParam("id"), ctx.body())));
        });
        server.start("127.0.0.1", 0);
    }

    private synchronized Map<String, String> keep(String conversation, String body) throws IOException {
        posts.add(json.readTree(body));
        postedIn.add(conversation);
        return Map.of("id", String.valueOf(activityIds.incrementAndGet()));
    }

    private String base() {
        return "http://127.0.0.1:" + server.port();
    }

    /** A speaker's personal chat with the bot. */
    private static String personal(String speaker) {
        return "a:demo-personal-" + speaker;
    }

    /** The demo's speakers as Entra object ids. */
    private static String aad(String speaker) {
        return String.format("00000000-0000-4000-8000-%012d", Long.parseLong(speaker));
    }

    @Override
    public String label() {
        return "Teams";
    }

    @Override
    public Map<String, String> environment() {
        return Map.of("MSTEAMS_APP_ID", APP_ID, "MSTEAMS_APP_PASSWORD", "demo-password", "MSTEAMS_TENANT_ID", TENANT_ID,
                "MSTEAMS_OPENID_METADATA_URL", base() + "/openid", "MSTEAMS_TOKEN_URL", base() + "/{tenant}/oauth2/v2.0/token",
                "MSTEAMS_SERVICE_URL_HOSTS", "127.0.0.1");
    }

    @Override
    public String shown(Demo.Say say) {
        return (say.toBot() ? "@ContractGate " : "") + say.text();
    }

    @Override
    public void deliver(String serviceUrl, Demo.Say say) {
        String teamsServiceUrl = base() + "/teams/";
        ObjectNode activity = json.createObjectNode().put("type", "message")
                .put("id", String.valueOf(activityIds.incrementAndGet())).put("timestamp", Instant.now().toString())
                .put("serviceUrl", teamsServiceUrl).put("channelId", "msteams")
                .put("text", (say.toBot() ? "<at>ContractGate</at> " : "") + say.text()).put("textFormat", "plain");
        activity.putObject("from").put("id", "29:" + say.speaker()).put("name", names.get(say.speaker()))
                .put("aadObjectId", aad(say.speaker()));
        activity.putObject("recipient").put("id", BOT_ID).put("name", "ContractGate");
        activity.putObject("conversation").put("id", say.direct() ? personal(say.speaker()) : CHAT)
                .put("conversationType", say.direct() ? "personal" : "groupChat").put("tenantId", TENANT_ID);
        if (say.toBot()) {
            ObjectNode mention = activity.putArray("entities").addObject().put("type", "mention").put("text", "<at>ContractGate</at>");
            mention.putObject("mentioned").put("id", BOT_ID).put("name", "ContractGate");
        }
        Demo.post(serviceUrl + "/webhooks/msteams", Map.of("Authorization", "Bearer " + token(teamsServiceUrl)),
                activity.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A token as the Bot Framework signs one for an activity at {@code serviceUrl}. */
    private String token(String serviceUrl) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("https://api.botframework.com").audience(APP_ID)
                .notBeforeTime(Date.from(now.minusSeconds(60))).expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .claim("serviceurl", serviceUrl).build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized List<Shown> replies() {
        List<Shown> shown = new ArrayList<>();
        for (int i = 0; i < posts.size(); i++) {
            JsonNode post = posts.get(i);
            boolean privately = !java.net.URLDecoder.decode(postedIn.get(i), StandardCharsets.UTF_8).equals(CHAT);
            List<String> addressees = new ArrayList<>();
            post.path("entities").forEach(entity -> addressees.add(entity.path("mentioned").path("name").asText()));
            String text = post.path("text").asText().replaceFirst("^(<at>.*?</at>\\s*)+<br>", "");
            Matcher title = TITLE.matcher(text);
            String heading = title.find() ? plain(title.group(1)) : null;
            shown.add(new Shown(addressees, heading, plain(title.replaceFirst("")).lines().toList(), privately));
        }
        return shown;
    }

    private static String plain(String xml) {
        return xml.replaceAll("<br>", "\n").replaceAll("<[^>]+>", "").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    @Override
    public void close() {
        server.stop();
    }
}
