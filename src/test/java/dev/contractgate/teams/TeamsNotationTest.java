package dev.contractgate.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contractgate.Json;
import dev.contractgate.chat.Rendered;
import dev.contractgate.chat.Reply;
import dev.contractgate.chat.ReplyKind;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TeamsNotationTest {
    private static final String BOT = "28:11111111-2222-3333-4444-555555555555";

    private static Activity message(String conversationType, String text, Activity.Mention... mentions) {
        return new Activity("message", "1", null, "https://smba.trafficmanager.net/amer/", "msteams",
                new Activity.Account("29:u", "佐藤", "c0c0c0c0-0000-4000-8000-000000000002"),
                new Activity.Account(BOT, "ContractGate", null), "19:x@thread.v2", conversationType, "t", text,
                List.of(mentions), List.of(), List.of(), null, null);
    }

    private static Activity.Mention botMention() {
        return new Activity.Mention(BOT, "ContractGate", "<at>ContractGate</at>");
    }

    @Test
    void takesTheCommandFromAMessageThatMentionsTheBotWhereverTheMentionIs() {
        assertThat(TeamsNotation.addressedTo(message("groupChat", "<at>ContractGate</at> 申請 https://crowdworks.jp/proposals/1?a=1&amp;b=2",
                botMention()))).contains("申請 https://crowdworks.jp/proposals/1?a=1&b=2");
        assertThat(TeamsNotation.addressedTo(message("groupChat", "<at>ContractGate</at>さん、まとめ", botMention())))
                .contains("まとめ");
        assertThat(TeamsNotation.addressedTo(message("channel", "状態を教えて <at>ContractGate</at>", botMention())))
                .contains("状態を教えて");
    }

    @Test
    void aMessageThatDoesNotMentionTheBotIsNoCommandExceptInAPersonalChat() {
        Activity.Mention someoneElse = new Activity.Mention("29:other", "山田", "<at>山田</at>");
        assertThat(TeamsNotation.addressedTo(message("groupChat", "<at>山田</at> 確認", someoneElse))).isEmpty();
        assertThat(TeamsNotation.addressedTo(message("personal", "登録"))).contains("登録");
    }

    @Test
    void aMentionInsideAQuoteIsNoCommand() {
        String quoted = "<blockquote itemtype=\"http://schema.skype.com/Reply\"><at>ContractGate</at> 確認</blockquote>了解です";
        assertThat(TeamsNotation.addressedTo(message("groupChat", quoted, botMention()))).isEmpty();
    }

    @Test
    void hidesMentionsMarkupQuotesAndCodeFromTheAnalysis() {
        String body = "<at>山田</at> LINEは <blockquote>090-1234-5678</blockquote>使いません&nbsp;<pre>a@example.com</pre>";
        BitSet hidden = TeamsNotation.notOwnWords(body);

        StringBuilder own = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            if (!hidden.get(i)) {
                own.append(body.charAt(i));
            }
        }
        assertThat(own.toString()).isEqualTo(" LINEは 使いません");
    }

    @Test
    void writesRepliesWithMentionEntitiesAndEscapesEverythingItQuotes() throws Exception {
        Reply reply = new Reply("msteams", "19:x@thread.v2", ReplyKind.CONTACT_ALERT,
                List.of("f0f0f0f0-0000-4000-8000-000000000001", "c0c0c0c0-0000-4000-8000-000000000002"),
                Map.of("f0f0f0f0-0000-4000-8000-000000000001", "山田 花子", "c0c0c0c0-0000-4000-8000-000000000002", "<b>佐藤</b>"),
                null, null, "連絡先の交換について", "きっかけ：「<at>x</at> & LINE」\n次の行");

        Rendered rendered = TeamsNotation.render(reply, Json.create());
        JsonNode payload = Json.create().readTree(rendered.payload());

        assertThat(rendered.body()).isEqualTo("<at>山田 花子</at> <at>&lt;b&gt;佐藤&lt;/b&gt;</at><br><b>連絡先の交換について</b><br>"
                + "きっかけ：「&lt;at&gt;x&lt;/at&gt; &amp; LINE」<br>次の行");
        assertThat(payload.get("textFormat").asText()).isEqualTo("xml");
        assertThat(payload.get("entities")).hasSize(2);
        assertThat(payload.get("entities").get(1).get("text").asText()).isEqualTo("<at>&lt;b&gt;佐藤&lt;/b&gt;</at>");
        assertThat(payload.get("entities").get(1).get("mentioned").get("id").asText())
                .isEqualTo("c0c0c0c0-0000-4000-8000-000000000002");
    }

    @Test
    void aChannelThreadBelongsToItsChannel() {
        assertThat(TeamsChannel.roomOf("19:abc@thread.tacv2;messageid=1712345678901")).isEqualTo("19:abc@thread.tacv2");
        assertThat(TeamsChannel.roomOf("a:1xyz")).isEqualTo("a:1xyz");
    }

    @Test
    void encodesAConversationIdAsOnePathSegmentLikeTheOfficialClient() {
        assertThat(TeamsConnectorClient.encode("a:1x")).isEqualTo("a%3A1x");
        assertThat(TeamsConnectorClient.encode("19:x@thread.tacv2;messageid=1"))
                .isEqualTo("19%3Ax%40thread.tacv2%3Bmessageid%3D1");
        assertThat(TeamsConnectorClient.encode("a/b c~d_e.f-g")).isEqualTo("a%2Fb%20c~d_e.f-g");
        assertThat(TeamsConnectorClient.encode("会話")).isEqualTo("%E4%BC%9A%E8%A9%B1");
    }
}
