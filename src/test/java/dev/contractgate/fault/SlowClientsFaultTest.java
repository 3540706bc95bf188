package dev.contractgate.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contractgate.inbox.InboxDao;
import dev.contractgate.inbox.InboxEvent;
import dev.contractgate.testing.ChatworkWebhooks;
import dev.contractgate.testing.RunningService;
import dev.contractgate.testing.SlowClients;
import dev.contractgate.testing.TestEnvironment;
import com.sun.management.UnixOperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Strangers who open many connections, announce a large body and trickle it byte by byte must not blind the bot:
 * {@code /health} and signed webhooks are still answered while they hang on.
 */
@Tag("fault")
@Timeout(120)
class SlowClientsFaultTest {
    private static final int SLOW_CONNECTIONS = 1_000;
    /** Answers must come; how fast is measured elsewhere (README, "Measuring"). This only guards against a hang. */
    private static final OkHttpClient CLIENT = new OkHttpClient.Builder()
            .callTimeout(Duration.ofSeconds(10))
            .retryOnConnectionFailure(false)
            .build();

    @TempDir
    Path folder;

    @Test
    void answersHealthAndSignedWebhooksWhileAThousandSlowBodiesAreOpen() throws IOException {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean os) {
            assertThat(os.getMaxFileDescriptorCount()).as("file descriptors for %d connections on both ends: raise "
                    + "ulimit -n (.ci/run does)", SLOW_CONNECTIONS).isGreaterThan(2L * SLOW_CONNECTIONS + 500);
        }
        // The rate check would close the slow connections after a few seconds: turned off, they stay as long as they like.
        try (RunningService service = RunningService.start(new TestEnvironment(folder)
                .useConfig("server:\n  min_request_data_rate: 0\n"));
             SlowClients slow = SlowClients.open(service.port(), SLOW_CONNECTIONS, "/webhooks/chatwork", 60_000,
                     Duration.ofSeconds(2))) {
            for (int i = 0; i < 20; i++) {
                try (Response health = CLIENT.newCall(new Request.Builder().url(service.http().url("/health")).build()).execute()) {
                    assertThat(health.code()).isEqualTo(200);
                }
            }
            String body = ChatworkWebhooks.created("984676321621704801", "36818150", "1484814", "hello", 1_790_000_000L);
            try (Response webhook = CLIENT.newCall(ChatworkWebhooks.signed(service.http(), body)).execute()) {
                assertThat(webhook.code()).isEqualTo(200);
            }
            assertThat(service.jdbi().onDemand(InboxDao.class).list(null, 10))
                    .extracting(InboxEvent::messageId).containsExactly("984676321621704801");
            assertThat(slow.open()).as("the slow connections are still open").isEqualTo(SLOW_CONNECTIONS);
        }
    }

    @Test
    void closesAConnectionWhoseBodyStopsArriving() throws Exception {
        try (RunningService service = RunningService.start(new TestEnvironment(folder)
                .useConfig("server:\n  idle_timeout: 1s\n  min_request_data_rate: 0\n"));
             Socket socket = new Socket("127.0.0.1", service.port())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("POST /webhooks/chatwork HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 2000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();

            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 408 ").contains("application/problem+json");
            assertThat(service.jdbi().onDemand(InboxDao.class).list(null, 10)).isEmpty();
        }
    }

    @Test
    void refusesABodyThatArrivesTooSlowlyAndClosesItsConnection() throws Exception {
        try (RunningService service = RunningService.start(new TestEnvironment(folder));
             Socket socket = new Socket("127.0.0.1", service.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /webhooks/chatwork HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 2000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread trickle = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        Thread.sleep(500);
                        out.write(' ');
                        out.flush();
                    }
                } catch (IOException | InterruptedException e) {
                    // the server closed the connection, or the test is over
                }
            });
            trickle.setDaemon(true);
            trickle.start();
            try {
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

                assertThat(answer).startsWith("HTTP/1.1 408 ").contains("Connection: close")
                        .contains("application/problem+json").contains("too slowly");
            } finally {
                trickle.interrupt();
            }
            assertThat(service.jdbi().onDemand(InboxDao.class).list(null, 10)).isEmpty();
        }
    }
}
