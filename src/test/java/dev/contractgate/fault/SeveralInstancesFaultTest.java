package dev.contractgate.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contractgate.testing.ChatworkWebhooks;
import dev.contractgate.testing.EmbeddedPostgres;
import dev.contractgate.testing.Eventually;
import dev.contractgate.testing.FakeChatwork;
import dev.contractgate.testing.TestEnvironment;
import dev.contractgate.testing.TestHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code serve} processes on one PostgreSQL database, as several instances behind a load balancer run: a burst
 * of webhooks split across them (some delivered to two), one instance killed with SIGKILL in the middle of it. Every
 * acknowledged event is handled once, every reply posted once, and the room's posting limit holds for all instances
 * together (Chatwork refuses an eleventh post in a room's window; here the window is 3 posts in 2 s).
 */
@Tag("fault")
@Timeout(240)
class SeveralInstancesFaultTest {
    static final String BOT = TestEnvironment.BOT_ACCOUNT_ID;
    static final String TO_BOT = "[To:" + BOT + "]ContractGateさん\n";
    static final List<String> ROOMS = List.of("7101", "7102", "7103");
    static final int PER_ROOM = 12;
    static final Pattern LISTENING = Pattern.compile("listening on port (\\d+)");
    static final OkHttpClient HTTP = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    Path folder;

    private final List<Process> processes = new ArrayList<>();
    private FakeChatwork chatwork;

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
        if (chatwork != null) {
            chatwork.close();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts one {@code serve} process and returns its base URL once it listens. */
    private List<String> start(int count, String databaseUrl) throws IOException {
        TestEnvironment environment = chatwork.configure(new TestEnvironment(folder))
                .set("CONTRACTGATE_DB_URL", databaseUrl)
                .set("CONTRACTGATE_DB_USER", EmbeddedPostgres.USER)
                .set("CONTRACTGATE_DB_PASSWORD", EmbeddedPostgres.PASSWORD);
        Path config = environment.writeConfig("""
                chatwork:
                  catch_up_interval: 0s
                  room_post_limit: 3
                  room_post_window: 2s
                inbox:
                  poll_interval: 200ms
                  lease: 5s
                outbox:
                  poll_interval: 200ms
                  lease: 5s
                  retry_backoff: 200ms
                """);
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<Path> logs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path log = folder.resolve("serve-" + i + ".log");
            ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    "dev.contractgate.Main", "serve", "--config", config.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment.env());
            processes.add(builder.start());
            logs.add(log);
        }
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path log = logs.get(i);
            Process process = processes.get(i);
            Eventually.await("instance " + i + " listening", Duration.ofSeconds(120),
                    () -> LISTENING.matcher(read(log)).find() || !process.isAlive());
            Matcher port = LISTENING.matcher(read(log));
            assertThat(port.find()).as(read(log)).isTrue();
            urls.add("http://127.0.0.1:" + port.group(1));
        }
        return urls;
    }

    private static int deliver(String baseUrl, String body) {
        try (Response response = HTTP.newCall(ChatworkWebhooks.signed(new TestHttp(baseUrl), body)).execute()) {
            return response.code();
        } catch (IOException e) {
            return -1; // the instance is gone: the sender would try another
        }
    }

    private static Map<String, Integer> counts(String databaseUrl, String sql) {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(databaseUrl, EmbeddedPostgres.USER, EmbeddedPostgres.PASSWORD);
             ResultSet rows = connection.createStatement().executeQuery(sql)) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getInt(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return counts;
    }

    @Test
    void loseAndDoubleNothingAndKeepTheRoomLimitWhenOneOfThreeInstancesIsKilledMidBurst() throws Exception {
        chatwork = new FakeChatwork(BOT).roomLimit(3, Duration.ofSeconds(2));
        for (int r = 0; r < ROOMS.size(); r++) {
            chatwork.members(ROOMS.get(r), BOT, "ContractGate", "81" + r, "山田 花子", "82" + r, "佐藤 健一");
        }
        String databaseUrl = EmbeddedPostgres.newDatabaseUrl();
        List<String> instances = start(3, databaseUrl);

        long at = Instant.now().getEpochSecond();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < PER_ROOM; i++) {
            for (int r = 0; r < ROOMS.size(); r++) {
                String messageId = String.valueOf(9_100_000 + i * 10 + r);
                bodies.add(ChatworkWebhooks.mention(messageId, ROOMS.get(r), "82" + r, BOT, TO_BOT + "状態", at + i));
            }
        }
        int acknowledged = 0;
        boolean killed = false;
        for (int n = 0; n < bodies.size(); n++) {
            if (!killed && n == bodies.size() / 2) {
                processes.get(0).destroyForcibly(); // SIGKILL: no clean stop, its leases are left behind
                processes.get(0).waitFor(10, TimeUnit.SECONDS);
                killed = true;
            }
            int target = n % instances.size();
            if (killed && target == 0) {
                target = 1 + n % 2; // the balancer sends around the dead instance
            }
            int status = deliver(instances.get(target), bodies.get(n));
            if (status != 200) {
                status = deliver(instances.get(1 + n % 2), bodies.get(n)); // the sender tries again elsewhere
            }
            assertThat(status).as("delivery %d", n).isEqualTo(200);
            acknowledged++;
            if (n % 5 == 0) {
                // The same delivery reaching a second instance (a retry after a lost answer).
                assertThat(deliver(instances.get(killed ? 1 + (n + 1) % 2 : (n + 1) % 3), bodies.get(n))).isEqualTo(200);
            }
        }
        assertThat(acknowledged).isEqualTo(bodies.size());

        Eventually.await("every event handled", Duration.ofSeconds(90), () -> {
            Map<String, Integer> statuses = counts(databaseUrl, "SELECT status, COUNT(*) FROM inbox_event GROUP BY status");
            return statuses.getOrDefault("done", 0) == bodies.size() && statuses.size() == 1;
        });
        Eventually.await("every reply sent", Duration.ofSeconds(90), () -> {
            Map<String, Integer> statuses = counts(databaseUrl, "SELECT status, COUNT(*) FROM outbox GROUP BY status");
            return statuses.size() == 1 && statuses.containsKey("sent")
                    && counts(databaseUrl, "SELECT kind, COUNT(*) FROM outbox GROUP BY kind")
                    .getOrDefault("command_reply", 0) == bodies.size();
        });

        Map<String, Integer> repliesPerMessage = counts(databaseUrl,
                "SELECT trigger_message_id, COUNT(*) FROM outbox WHERE kind = 'command_reply' GROUP BY trigger_message_id");
        assertThat(repliesPerMessage).as("one answer per command, none lost, none doubled").hasSize(bodies.size())
                .allSatisfy((message, replies) -> assertThat(replies).isEqualTo(1));
        int sent = counts(databaseUrl, "SELECT status, COUNT(*) FROM outbox GROUP BY status").get("sent");
        assertThat(chatwork.posts()).as("every reply posted once").hasSize(sent);
        assertThat(chatwork.roomRejections()).as("the room's limit kept by all instances together").isZero();
        for (String room : ROOMS) {
            List<Instant> posts = chatwork.postsIn(room).stream().map(FakeChatwork.Post::at).toList();
            for (int i = 3; i < posts.size(); i++) {
                assertThat(Duration.between(posts.get(i - 3), posts.get(i))).as("room %s: no 4 posts within 2 s", room)
                        .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
            }
        }
    }
}
