package dev.contractgate.chatwork;

import static dev.contractgate.testing.ChatworkWebhooks.OFFICIAL_BODY;
import static dev.contractgate.testing.ChatworkWebhooks.OFFICIAL_SIGNATURE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contractgate.inbox.InboxDao;
import dev.contractgate.inbox.InboxEvent;
import dev.contractgate.testing.ChatworkWebhooks;
import dev.contractgate.testing.Eventually;
import dev.contractgate.testing.RunningService;
import dev.contractgate.testing.TestEnvironment;
import dev.contractgate.testing.TestHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatworkWebhookTest {
    @TempDir
    Path folder;

    private RunningService service;
    private TestHttp http;

    @BeforeEach
    void start() {
        service = RunningService.start(new TestEnvironment(folder));
        http = service.http();
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private TestHttp.Answer post(String query, String signatureHeader, String body) {
        Request.Builder request = new Request.Builder()
                .url(http.url("/webhooks/chatwork") + (query == null ? "" : "?" + query))
                .post(RequestBody.create(body.getBytes(StandardCharsets.UTF_8), TestHttp.JSON));
        if (signatureHeader != null) {
            request.header(ChatworkSignature.HEADER, signatureHeader);
        }
        return http.send(request.build());
    }

    private List<InboxEvent> stored() {
        return service.jdbi().onDemand(InboxDao.class).list(null, 100);
    }

    @Test
    void acceptsTheOfficialTestVectorByHeaderAndStoresItBeforeAnswering() {
        TestHttp.Answer answer = post(null, OFFICIAL_SIGNATURE, OFFICIAL_BODY);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEmpty();
        List<InboxEvent> events = stored();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).messageId()).isEqualTo("984676321621704704");
        assertThat(events.get(0).roomId()).isEqualTo("36818150");
        assertThat(events.get(0).payload()).isEqualTo(OFFICIAL_BODY);
    }

    @Test
    void acceptsTheOfficialTestVectorByQueryParameter() {
        String query = "chatwork_webhook_signature=" + URLEncoder.encode(OFFICIAL_SIGNATURE, StandardCharsets.UTF_8);

        assertThat(post(query, null, OFFICIAL_BODY).status()).isEqualTo(200);
        assertThat(stored()).hasSize(1);
    }

    @Test
    void keepsAPlusSignInAQueryParameterSignature() {
        String body = bodyWhoseSignatureHasAPlus();
        String signature = ChatworkWebhooks.sign(body);

        assertThat(post("chatwork_webhook_signature=" + signature, null, body).status()).isEqualTo(200);
        assertThat(post("chatwork_webhook_signature=" + signature.replace("+", "%2B"), null, body).status()).isEqualTo(200);
        assertThat(stored()).hasSize(1);
    }

    private static String bodyWhoseSignatureHasAPlus() {
        for (int i = 1; ; i++) {
            String body = ChatworkWebhooks.created(String.valueOf(1_000_000 + i), "77", "1484814", "hello", 1_700_000_000L);
            if (ChatworkWebhooks.sign(body).contains("+")) {
                return body;
            }
        }
    }

    @Test
    void refusesATamperedBodyAndStoresNothing() {
        TestHttp.Answer answer = post(null, OFFICIAL_SIGNATURE, OFFICIAL_BODY.replace("\"test\"", "\"pay me\""));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(stored()).isEmpty();
    }

    @Test
    void refusesASignatureMadeWithAnotherToken() {
        String foreign = ChatworkSignature.sign("c2Vjb25kLXdlYmhvb2stdG9rZW4tZm9yLXRlc3Rpbmc=",
                OFFICIAL_BODY.getBytes(StandardCharsets.UTF_8));

        assertThat(post(null, foreign, OFFICIAL_BODY).status()).isEqualTo(401);
        assertThat(stored()).isEmpty();
    }

    @Test
    void refusesADeliveryWithoutSignature() {
        TestHttp.Answer answer = post(null, null, OFFICIAL_BODY);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).contains("missing signature");
        assertThat(stored()).isEmpty();
    }

    @Test
    void refusesASignedBodyThatIsNotJson() {
        String body = "{\"webhook_event_type\": message_created";
        TestHttp.Answer answer = post(null, ChatworkWebhooks.sign(body), body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(stored()).isEmpty();
    }

    @Test
    void refusesASignedEventWithoutItsRequiredFieldsAndNamesThem() {
        String body = "{\"webhook_setting_id\":\"246\",\"webhook_event_type\":\"message_created\",\"webhook_event_time\":1,"
                + "\"webhook_event\":{\"message_id\":\"5\",\"body\":\"hi\",\"send_time\":1,\"update_time\":0}}";
        TestHttp.Answer answer = post(null, ChatworkWebhooks.sign(body), body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("webhook_event.room_id").contains("webhook_event.account_id");
        assertThat(stored()).isEmpty();
    }

    @Test
    void refusesABodyOver64KiB() {
        String body = ChatworkWebhooks.created("1", "2", "3", "x".repeat(65 * 1024), 1);

        assertThat(post(null, ChatworkWebhooks.sign(body), body).status()).isEqualTo(413);
        assertThat(stored()).isEmpty();
    }

    @Test
    void refusesAChunkedBodyOver64KiB() {
        String body = ChatworkWebhooks.created("1", "2", "3", "x".repeat(65 * 1024), 1);

        TestHttp.Answer answer = http.send(new Request.Builder().url(http.url("/webhooks/chatwork"))
                .header(ChatworkSignature.HEADER, ChatworkWebhooks.sign(body)).post(chunked(body)).build());

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(stored()).isEmpty();
    }

    @Test
    void acceptsAChunkedBody() {
        TestHttp.Answer answer = http.send(new Request.Builder().url(http.url("/webhooks/chatwork"))
                .header(ChatworkSignature.HEADER, OFFICIAL_SIGNATURE).post(chunked(OFFICIAL_BODY)).build());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(stored()).extracting(InboxEvent::payload).containsExactly(OFFICIAL_BODY);
    }

    /** A body without a length: sent with Transfer-Encoding: chunked. */
    private static RequestBody chunked(String body) {
        return new RequestBody() {
            @Override
            public okhttp3.MediaType contentType() {
                return TestHttp.JSON;
            }

            @Override
            public long contentLength() {
                return -1;
            }

            @Override
            public void writeTo(okio.BufferedSink sink) throws java.io.IOException {
                sink.writeUtf8(body);
            }
        };
    }

    @Test
    void storesTheSameDeliveryOnce() {
        assertThat(post(null, OFFICIAL_SIGNATURE, OFFICIAL_BODY).status()).isEqualTo(200);
        assertThat(post(null, OFFICIAL_SIGNATURE, OFFICIAL_BODY).status()).isEqualTo(200);

        assertThat(stored()).hasSize(1);
    }

    @Test
    void storesAnEditOfTheSameMessageAsANewEvent() {
        String created = ChatworkWebhooks.message("message_created", "77", "5", "6", "hello", 100, 0);
        String updated = ChatworkWebhooks.message("message_updated", "77", "5", "6", "hello!", 100, 160);
        post(null, ChatworkWebhooks.sign(created), created);
        post(null, ChatworkWebhooks.sign(updated), updated);

        assertThat(stored()).extracting(InboxEvent::eventType).containsExactlyInAnyOrder("message_created", "message_updated");
    }

    @Test
    void acknowledgesAnUnknownEventTypeAndRecordsItAsIgnored() {
        String body = "{\"webhook_setting_id\":\"246\",\"webhook_event_type\":\"room_renamed\",\"webhook_event_time\":1,"
                + "\"webhook_event\":{\"room_id\":5}}";

        assertThat(post(null, ChatworkWebhooks.sign(body), body).status()).isEqualTo(200);
        assertThat(stored()).singleElement().satisfies(event -> {
            assertThat(event.eventType()).isEqualTo("room_renamed");
            assertThat(event.status()).isEqualTo(InboxEvent.IGNORED);
        });
    }

    @Test
    void processesAStoredMessageAndDropsTheBotsOwn() {
        String fromPerson = ChatworkWebhooks.created("501", "10", "1484814", "こんにちは", 1_700_000_000L);
        String fromBot = ChatworkWebhooks.created("502", "10", TestEnvironment.BOT_ACCOUNT_ID, "[info]注意[/info]", 1_700_000_001L);
        post(null, ChatworkWebhooks.sign(fromPerson), fromPerson);
        post(null, ChatworkWebhooks.sign(fromBot), fromBot);

        Eventually.await("both events processed", () -> stored().stream().noneMatch(e -> e.status().equals(InboxEvent.PENDING)));
        assertThat(stored()).filteredOn(e -> e.messageId().equals("501")).singleElement()
                .satisfies(e -> assertThat(e.status()).isEqualTo(InboxEvent.DONE));
        assertThat(stored()).filteredOn(e -> e.messageId().equals("502")).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(InboxEvent.IGNORED);
            assertThat(e.note()).isEqualTo("the bot's own message");
        });
    }

    @Test
    void acceptsMentionEvents() {
        String body = ChatworkWebhooks.mention("601", "10", "1484814", TestEnvironment.BOT_ACCOUNT_ID,
                "[To:" + TestEnvironment.BOT_ACCOUNT_ID + "]ボット 状態", 1_700_000_000L);

        assertThat(post(null, ChatworkWebhooks.sign(body), body).status()).isEqualTo(200);
        Eventually.await("mention processed", () -> stored().stream().anyMatch(e -> e.status().equals(InboxEvent.DONE)));
    }
}
