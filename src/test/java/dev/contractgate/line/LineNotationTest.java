package dev.contractgate.line;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contractgate.Json;
import dev.contractgate.chat.Rendered;
import dev.contractgate.chat.Reply;
import dev.contractgate.chat.ReplyKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How LINE messages read (mentions, commands) and how replies are written (textV2 mentions). */
class LineNotationTest {
    static final String CLIENT = "U" + "c".repeat(32);
    static final String FREELANCER = "U" + "f".repeat(32);

    @Test
    void readsTheCommandWithoutTheBotsMentionWhereverItIs() {
        LineEvent.Message message = new LineEvent.Message("1", "text", "お願いします @ContractGate 状態", null,
                List.of(new LineEvent.Mentionee(7, 12, "user", null, true)));
        LineEvent.Message toSomeoneElse = new LineEvent.Message("2", "text", "@佐藤 状態", null,
                List.of(new LineEvent.Mentionee(0, 3, "user", CLIENT, false)));

        assertThat(LineNotation.addressedTo(message).orElseThrow()).startsWith("お願いします").endsWith("状態");
        assertThat(LineNotation.addressedTo(toSomeoneElse)).isEmpty();
    }

    @Test
    void takesMentionsForAddressingNotForTheSendersWords() {
        String body = "@佐藤 健一 さん、LINEはこちら";

        assertThat(LineNotation.notOwnWords(body).get(0, 3)).hasToString("{0, 1, 2}");
        assertThat(LineNotation.notOwnWords(body).get(4)).isFalse();
    }

    @Test
    void writesAddresseesAsRealMentionsAndEscapesBraces() throws Exception {
        Reply reply = new Reply("line", "C" + "1".repeat(32), ReplyKind.GATE_WARNING, List.of(FREELANCER),
                Map.of(CLIENT, "佐藤 健一", FREELANCER, "山田 花子"), new Reply.MessageRef("9", CLIENT), null,
                "ContractGate：確認", "テンプレート {name} は使いません");

        Rendered rendered = LineNotation.render(reply, Json.create());

        assertThat(rendered.body()).isEqualTo("@佐藤 健一 @山田 花子\n【ContractGate：確認】\nテンプレート {name} は使いません");
        JsonNode message = Json.create().readTree(rendered.payload()).get(0);
        assertThat(message.get("type").asText()).isEqualTo("textV2");
        assertThat(message.get("text").asText()).isEqualTo("{m0} {m1}\n【ContractGate：確認】\nテンプレート {{name}} は使いません");
        assertThat(message.path("substitution").path("m0").path("mentionee").path("userId").asText()).isEqualTo(CLIENT);
        assertThat(message.path("substitution").path("m1").path("mentionee").path("userId").asText()).isEqualTo(FREELANCER);
    }

    @Test
    void namesAnUnidentifiedAddresseeInsteadOfMentioningIt() throws Exception {
        Reply reply = new Reply("line", "C" + "1".repeat(32), ReplyKind.GATE_WARNING, List.of(LineChannel.UNIDENTIFIED),
                null, "t", "x");

        JsonNode message = Json.create().readTree(LineNotation.render(reply, Json.create()).payload()).get(0);

        assertThat(message.get("text").asText()).startsWith("@unidentified\n");
        assertThat(message.has("substitution")).isFalse();
    }
}
