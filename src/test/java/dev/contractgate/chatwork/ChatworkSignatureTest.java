package dev.contractgate.chatwork;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contractgate.testing.ChatworkWebhooks;
import dev.contractgate.testing.TestEnvironment;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatworkSignatureTest {
    private static final byte[] BODY = ChatworkWebhooks.OFFICIAL_BODY.getBytes(StandardCharsets.UTF_8);
    private static final String OTHER_TOKEN = "c2Vjb25kLXdlYmhvb2stdG9rZW4tZm9yLXRlc3Rpbmc=";

    @Test
    void acceptsChatworksOfficialTestVector() {
        assertThat(new ChatworkSignature(List.of(TestEnvironment.WEBHOOK_TOKEN))
                .verify(BODY, ChatworkWebhooks.OFFICIAL_SIGNATURE)).isTrue();
        assertThat(ChatworkSignature.sign(TestEnvironment.WEBHOOK_TOKEN, BODY)).isEqualTo(ChatworkWebhooks.OFFICIAL_SIGNATURE);
    }

    @Test
    void acceptsASignatureMadeWithAnyOfTheConfiguredTokens() {
        ChatworkSignature signature = new ChatworkSignature(List.of(OTHER_TOKEN, TestEnvironment.WEBHOOK_TOKEN));
        assertThat(signature.verify(BODY, ChatworkWebhooks.OFFICIAL_SIGNATURE)).isTrue();
        assertThat(signature.verify(BODY, ChatworkSignature.sign(OTHER_TOKEN, BODY))).isTrue();
    }

    @Test
    void refusesATamperedBody() {
        byte[] tampered = ChatworkWebhooks.OFFICIAL_BODY.replace("\"test\"", "\"tesT\"").getBytes(StandardCharsets.UTF_8);
        assertThat(new ChatworkSignature(List.of(TestEnvironment.WEBHOOK_TOKEN))
                .verify(tampered, ChatworkWebhooks.OFFICIAL_SIGNATURE)).isFalse();
    }

    @Test
    void refusesASignatureMadeWithAnotherToken() {
        assertThat(new ChatworkSignature(List.of(OTHER_TOKEN)).verify(BODY, ChatworkWebhooks.OFFICIAL_SIGNATURE)).isFalse();
    }

    @Test
    void refusesASignatureThatIsNotBase64() {
        assertThat(new ChatworkSignature(List.of(TestEnvironment.WEBHOOK_TOKEN)).verify(BODY, "not base64 !")).isFalse();
    }

    @Test
    void readsAPlusSignFromTheRawQueryStringAsAPlusSign() {
        assertThat(ChatworkWebhook.signatureFromQuery("chatwork_webhook_signature=ab+c/d=")).isEqualTo("ab+c/d=");
        assertThat(ChatworkWebhook.signatureFromQuery("x=1&chatwork_webhook_signature=ab%2Bc%2Fd%3D")).isEqualTo("ab+c/d=");
        assertThat(ChatworkWebhook.signatureFromQuery("other=1")).isNull();
    }
}
