package dev.contractgate.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contractgate.Json;
import dev.contractgate.Main;
import dev.contractgate.Service;
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
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Plays a scripted Japanese conversation through the real pipeline: the service on an in-memory database, signed
 * webhooks in, replies out to an in-process stand-in for the chat service (Chatwork, or Teams); prints the
 * conversation with the bot's replies.
 */
public final class Demo {
    static final String BOT = "9000001";
    static final String FREELANCER = "2001";
    static final String CLIENT = "3001";
    static final String ROOM = "1001";
    /** The freelancer's one-to-one chat with the bot. */
    static final String DIRECT_ROOM = "1000";
    /** The channels the demo can play on. */
    public static final List<String> CHANNELS = List.of("chatwork", "msteams", "line");
    private static final Map<String, String> NAMES = new LinkedHashMap<>();
    private static final MediaType JSON = MediaType.get("application/json");
    private static final OkHttpClient HTTP = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(20)).build();

    static {
        NAMES.put(FREELANCER, "山田 花子");
        NAMES.put(CLIENT, "佐藤 健一");
    }

    /** One step of the script: something a person says in the room, or does elsewhere (on the platform). */
    sealed interface Step permits Say, Act {
    }

    /**
     * @param toBot addressed to the bot ({@code [To:…]} on Chatwork, an @mention on Teams)
     * @param direct said in the speaker's one-to-one chat with the bot, not in the shared room
     */
    record Say(String speaker, String text, boolean toBot, boolean direct) implements Step {
        Say(String speaker, String text, boolean toBot) {
            this(speaker, text, toBot, false);
        }

        Say(String speaker, String text) {
            this(speaker, text, false, false);
        }
    }

    record Act(String description, java.util.function.Consumer<Demo> action) implements Step {
    }

    private final PrintStream out;
    private final String operatorKey;
    private String baseUrl;

    private Demo(PrintStream out) {
        this.out = out;
        byte[] token = new byte[32];
        new SecureRandom().nextBytes(token);
        this.operatorKey = "demo-" + Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    /** Runs the demo on Chatwork; {@code language} is that of the bot's replies. */
    public static void run(PrintStream out, String language, Path configFile) {
        run(out, language, "chatwork", configFile);
    }

    /** Runs the demo on {@code channel} (one of {@link #CHANNELS}). */
    public static void run(PrintStream out, String language, String channel, Path configFile) {
        new Demo(out).play(language, channel, configFile);
    }

    /** The command words of the demo's script in the language of its replies (commands answer in the word's language). */
    private static final Map<String, String> ENGLISH_WORDS = Map.of("登録", "register", "申請", "apply", "確認", "confirm",
            "まとめ", "summary");

    static List<Step> script(String language) {
        if (!language.equals("en")) {
            return script();
        }
        return script().stream().map(step -> step instanceof Say say && say.toBot()
                ? new Say(say.speaker(), english(say.text()), true, say.direct()) : step).toList();
    }

    private static String english(String command) {
        String[] parts = command.split(" ", 2);
        return ENGLISH_WORDS.getOrDefault(parts[0], parts[0]) + (parts.length == 2 ? " " + parts[1] : "");
    }

    static List<Step> script() {
        return List.of(
                new Say(FREELANCER, "登録", true, true),
                new Say(CLIENT, "山田さん、CrowdWorksでご提案いただいたLP制作の件、詳細をこちらでお話しできればと思います。"),
                new Say(CLIENT, "急ぎなので、LINEのほうが早いかもしれません。IDは sato_kenichi です。"),
                new Act("佐藤 健一 が CrowdWorks の相談画面からサービス外連絡申請を出し、承認されました", demo -> { }),
                new Say(CLIENT, "申請 https://crowdworks.jp/proposals/123456", true),
                new Say(FREELANCER, "確認", true),
                new Say(CLIENT, "ありがとうございます。報酬は5万円、納期は12月15日でいかがでしょうか。"),
                new Say(FREELANCER, "承知しました。お支払いは月末締めの翌月末払いでお願いします。"),
                new Say(FREELANCER, "まとめ", true),
                new Say(CLIENT, "次回からは手数料がかからないように、クラウドワークスを通さずに直接契約しませんか？"),
                new Say(CLIENT, "その前に、作業用ツールの登録料3,000円を先にお振込みいただけますか。今日中にお願いします。"));
    }

    private static DemoChannel standIn(String channel) {
        if (channel.equals("msteams")) {
            return new DemoTeams(NAMES);
        }
        if (channel.equals("line")) {
            return new DemoLine(NAMES);
        }
        Map<String, String> members = new LinkedHashMap<>();
        members.put(BOT, "ContractGate");
        members.putAll(NAMES);
        return new DemoChatwork(BOT, ROOM, DIRECT_ROOM, FREELANCER, members);
    }

    private void play(String language, String channel, Path configFile) {
        try (DemoChannel chat = standIn(channel)) {
            Map<String, String> env = new HashMap<>(chat.environment());
            env.put("CONTRACTGATE_PORT", "0");
            env.put("CONTRACTGATE_DB_URL", "jdbc:sqlite:file:contractgate-demo-" + System.nanoTime() + "?mode=memory&cache=shared");
            env.put("CONTRACTGATE_LANG", language);
            env.put("CONTRACTGATE_OPERATOR_KEY", operatorKey);
            ConfigLoader.Loaded loaded = new ConfigLoader().load(configFile, env);
            try (Service service = Main.start(loaded, Clock.systemUTC())) {
                baseUrl = "http://127.0.0.1:" + service.port();
                out.println("ContractGate デモ：CrowdWorks の案件で、クライアントが " + chat.label() + " に誘います");
                out.println("メンバー：山田 花子（フリーランス）、佐藤 健一（クライアント）、ContractGate（ボット）");
                int shown = 0;
                for (Step step : script(language)) {
                    // LINE's one-to-one chat with the bot is not part of its stand-in: she registers in the group.
                    if (channel.equals("line") && step instanceof Say say && say.direct()) {
                        step = new Say(say.speaker(), say.text(), say.toBot(), false);
                    }
                    out.println();
                    if (step instanceof Say say) {
                        out.println(NAMES.get(say.speaker()) + (say.direct() ? "（ボットとの個人チャット）" : "") + "："
                                + chat.shown(say));
                        chat.deliver(baseUrl, say);
                    } else if (step instanceof Act act) {
                        out.println("── " + act.description());
                        act.action().accept(this);
                    }
                    awaitQuiet();
                    List<DemoChannel.Shown> replies = chat.replies();
                    replies.subList(shown, replies.size()).forEach(this::print);
                    shown = replies.size();
                }
                out.println();
                long inRoom = chat.replies().stream().filter(reply -> !reply.privately()).count();
                out.println("（デモ終了：ボットの返信 " + shown + " 件（ルームに " + inRoom + " 件、個人チャットに "
                        + (shown - inRoom) + " 件）。実際の運用では、これが " + chat.label() + " に投稿されます。）");
            }
        }
    }

    /** POSTs a JSON body with headers; anything but a 2xx stops the demo. */
    static void post(String url, Map<String, String> headers, byte[] body) {
        Request.Builder request = new Request.Builder().url(url).post(RequestBody.create(body, JSON));
        headers.forEach(request::header);
        send(request.build());
    }

    private JsonNode get(String path) {
        try {
            return Json.create().readTree(send(new Request.Builder().url(baseUrl + path)
                    .header("Authorization", "Bearer " + operatorKey).get().build()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String send(Request request) {
        try (Response response = HTTP.newCall(request).execute()) {
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

    private void print(DemoChannel.Shown reply) {
        String to = reply.addressees().isEmpty() ? "（ルームの全員）" : String.join("、", reply.addressees());
        out.println("  ContractGate → " + to + (reply.privately() ? "（ボットとの個人チャットで）" : ""));
        if (reply.title() != null) {
            out.println("  │ 【" + reply.title() + "】");
        }
        reply.lines().forEach(line -> out.println("  │ " + line));
    }
}
