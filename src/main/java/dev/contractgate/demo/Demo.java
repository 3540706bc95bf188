package dev.contractgate.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contractgate.Json;
import dev.contractgate.Main;
import dev.contractgate.Service;
import dev.contractgate.chatwork.ChatworkSignature;
import dev.contractgate.config.ConfigLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Plays a scripted Japanese conversation through the real pipeline: the service on an in-memory database, signed
 * webhooks in, replies out to an in-process stand-in for Chatwork; prints the conversation with the bot's replies.
 */
public final class Demo {
    static final String BOT = "9000001";
    static final String FREELANCER = "2001";
    static final String CLIENT = "3001";
    static final String ROOM = "1001";
    private static final Map<String, String> NAMES = new LinkedHashMap<>();
    private static final MediaType JSON = MediaType.get("application/json");
    private static final Pattern INFO = Pattern.compile("\\[info](?:\\[title](.*?)\\[/title])?(.*?)\\[/info]", Pattern.DOTALL);
    private static final Pattern ADDRESSEE = Pattern.compile("\\[(?:To:|rp aid=)(\\d+)");

    static {
        NAMES.put(BOT, "ContractGate");
        NAMES.put(FREELANCER, "山田 花子");
        NAMES.put(CLIENT, "佐藤 健一");
    }

    /** One step of the script: something a person says in the room, or does elsewhere (on the platform). */
    sealed interface Step permits Say, Act {
    }

    record Say(String speaker, String text) implements Step {
    }

    record Act(String description, java.util.function.Consumer<Demo> action) implements Step {
    }

    /** A message as the Chatwork UI shows it: the addressing tags become "TO ContractGate". */
    private static String shown(String text) {
        return text.replaceAll("\\[To:" + BOT + "]ContractGateさん\\n", "[TO ContractGate] ");
    }

    private final PrintStream out;
    private final ObjectMapper json = Json.create();
    private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(20)).build();
    private final String webhookToken;
    private final String operatorKey;
    private String baseUrl;
    private long nextMessageId = 990_000_000_000_000_000L;

    private Demo(PrintStream out) {
        this.out = out;
        SecureRandom random = new SecureRandom();
        byte[] token = new byte[32];
        random.nextBytes(token);
        this.webhookToken = Base64.getEncoder().encodeToString(token);
        random.nextBytes(token);
        this.operatorKey = "demo-" + Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    /** Runs the demo; {@code language} is that of the bot's replies. */
    public static void run(PrintStream out, String language, Path configFile) {
        new Demo(out).play(language, configFile);
    }

    static List<Step> script() {
        String toBot = "[To:" + BOT + "]ContractGateさん\n";
        return List.of(
                new Say(FREELANCER, toBot + "登録"),
                new Say(CLIENT, "山田さん、CrowdWorksでご提案いただいたLP制作の件、詳細をこちらでお話しできればと思います。"),
                new Say(CLIENT, "急ぎなので、LINEのほうが早いかもしれません。IDは sato_kenichi です。"),
                new Act("佐藤 健一 が CrowdWorks の相談画面からサービス外連絡申請を出し、承認されました", demo -> { }),
                new Say(CLIENT, toBot + "申請 https://crowdworks.jp/proposals/123456"),
                new Say(FREELANCER, toBot + "確認"),
                new Say(CLIENT, "ありがとうございます。報酬は5万円、納期は12月15日でいかがでしょうか。"),
                new Say(FREELANCER, "承知しました。お支払いは月末締めの翌月末払い、銀行振込でお願いします。"),
                new Say(FREELANCER, toBot + "まとめ"),
                new Say(CLIENT, "次回からは手数料がかからないように、クラウドワークスを通さずに直接契約しませんか？"),
                new Say(CLIENT, "その前に、作業用ツールの登録料3,000円を先にお振込みいただけますか。今日中にお願いします。"));
    }

    private void play(String language, Path configFile) {
        Map<String, String> members = new LinkedHashMap<>(NAMES);
        try (DemoChatwork chatwork = new DemoChatwork(BOT, ROOM, members)) {
            Map<String, String> env = new HashMap<>();
            env.put("CONTRACTGATE_PORT", "0");
            env.put("CONTRACTGATE_DB_URL", "jdbc:sqlite:file:contractgate-demo-" + System.nanoTime() + "?mode=memory&cache=shared");
            env.put("CONTRACTGATE_LANG", language);
            env.put("CHATWORK_API_URL", chatwork.apiUrl());
            env.put("CHATWORK_API_TOKEN", "demo-token");
            env.put("CHATWORK_BOT_ACCOUNT_ID", BOT);
            env.put("CHATWORK_WEBHOOK_TOKENS", webhookToken);
            env.put("CONTRACTGATE_OPERATOR_KEY", operatorKey);
            ConfigLoader.Loaded loaded = new ConfigLoader().load(configFile, env);
            try (Service service = Main.start(loaded, Clock.systemUTC())) {
                baseUrl = "http://127.0.0.1:" + service.port();
                out.println("ContractGate デモ：CrowdWorks の案件で、クライアントが Chatwork に誘います（ルーム " + ROOM + "）");
                out.println("メンバー：山田 花子（フリーランス）、佐藤 健一（クライアント）、ContractGate（ボット）");
                int shown = 0;
                for (Step step : script()) {
                    out.println();
                    if (step instanceof Say say) {
                        out.println(NAMES.get(say.speaker()) + "：" + shown(say.text()));
                        deliver(say);
                    } else if (step instanceof Act act) {
                        out.println("── " + act.description());
                        act.action().accept(this);
                    }
                    awaitQuiet();
                    List<DemoChatwork.Post> posts = chatwork.posts();
                    for (DemoChatwork.Post post : posts.subList(shown, posts.size())) {
                        printReply(post.body());
                    }
                    shown = posts.size();
                }
                out.println();
                out.println("（デモ終了：ボットの返信 " + shown + " 件。実際の運用では、これが Chatwork のルームに投稿されます。）");
            }
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    private void deliver(Say say) {
        long messageId = ++nextMessageId;
        long now = System.currentTimeMillis() / 1000;
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("message_id", String.valueOf(messageId));
        event.put("room_id", Long.parseLong(ROOM));
        event.put("account_id", Long.parseLong(say.speaker()));
        event.put("body", say.text());
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
        send(new Request.Builder().url(baseUrl + "/webhooks/chatwork")
                .header(ChatworkSignature.HEADER, ChatworkSignature.sign(webhookToken, body))
                .post(RequestBody.create(body, JSON)).build());
    }

    private JsonNode get(String path) {
        try {
            return json.readTree(send(new Request.Builder().url(baseUrl + path).header("Authorization", "Bearer " + operatorKey)
                    .get().build()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String send(Request request) {
        try (Response response = http.newCall(request).execute()) {
            String text = response.body().string();
            if (!response.isSuccessful()) {
                throw new IllegalStateException(request.method() + " " + request.url().encodedPath() + " answered "
                        + response.code() + ": " + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until every stored event is processed and every reply posted. */
    private void awaitQuiet() {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            boolean busy = get("/api/inbox?status=pending").size() > 0
                    || get("/api/outbox?status=pending").size() > 0
                    || get("/api/outbox?status=sending").size() > 0;
            if (!busy) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("the bot did not finish within 20 s");
    }

    private void printReply(String body) {
        List<String> addressees = new java.util.ArrayList<>();
        Matcher to = ADDRESSEE.matcher(body);
        while (to.find()) {
            addressees.add(NAMES.getOrDefault(to.group(1), to.group(1)));
        }
        Matcher info = INFO.matcher(body);
        out.println("  ContractGate → " + String.join("、", addressees));
        if (info.find()) {
            if (info.group(1) != null) {
                out.println("  │ 【" + info.group(1) + "】");
            }
            info.group(2).lines().forEach(line -> out.println("  │ " + line));
        } else {
            body.lines().forEach(line -> out.println("  │ " + line));
        }
    }
}
