package dev.contractgate.chatwork;

import static dev.contractgate.testing.ChatworkWebhooks.OFFICIAL_BODY;
import static dev.contractgate.testing.ChatworkWebhooks.OFFICIAL_SIGNATURE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contractgate.testing.RunningService;
import dev.contractgate.testing.TestEnvironment;
import dev.contractgate.testing.TestHttp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatworkWebhookWithoutTokensTest {
    @TempDir
    Path folder;

    @Test
    void answers503WhenNoWebhookTokenIsConfigured() {
        try (RunningService service = RunningService.start(new TestEnvironment(folder).unset("CHATWORK_WEBHOOK_TOKENS"))) {
            TestHttp.Answer answer = service.http().send(new Request.Builder()
                    .url(service.http().url("/webhooks/chatwork"))
                    .header(ChatworkSignature.HEADER, OFFICIAL_SIGNATURE)
                    .post(RequestBody.create(OFFICIAL_BODY.getBytes(StandardCharsets.UTF_8), TestHttp.JSON))
                    .build());

            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.body()).contains("CHATWORK_WEBHOOK_TOKENS");
        }
    }
}
