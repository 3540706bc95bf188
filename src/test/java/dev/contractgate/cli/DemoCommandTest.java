package dev.contractgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoCommandTest {
    /** The lines that say who a reply went to, in order. */
    private static List<String> addressees(String transcript) {
        return transcript.lines().filter(line -> line.startsWith("  ContractGate → ")).map(line -> line.substring(17)).toList();
    }

    @Test
    void playsTheConversationThroughThePipelineAsAConsiderateAssistant() {
        CliTest.Outcome outcome = CliTest.run(Map.of(), "demo", "--config", "config/contractgate.yml");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out())
                .contains("山田 花子（ボットとの個人チャット）：[TO ContractGate] 登録")
                .contains("【ContractGate：フリーランスとして登録しました】")
                .contains("【ContractGate です】")
                .contains("「LINEのほうが早いかもしれません」「IDは sato_kenichi です」")
                .contains("【ContractGate：申請の確認をお願いします】")
                .contains("【ContractGate：サービス外連絡申請を確認しました】")
                .contains("【取引条件のまとめ（").contains("・報酬の額：50,000円（佐藤 健一 さん").contains("山田 花子 さんが了承）")
                .contains("「クラウドワークスを通さずに直接契約しませんか」")
                .contains("【ContractGate：お取引の前にご確認ください】")
                .contains("佐藤 健一 さんのメッセージに、詐欺でよく見られる特徴")
                .doesNotContain("禁止").doesNotContain("直接契約し」")
                .contains("ボットの返信 9 件（ルームに 7 件、個人チャットに 2 件）");
        List<String> addressees = addressees(outcome.out());
        assertThat(addressees.subList(0, 7)).containsExactly(
                "山田 花子（ボットとの個人チャットで）",
                "（ルームの全員）",
                "佐藤 健一、山田 花子",
                "山田 花子",
                "山田 花子、佐藤 健一",
                "山田 花子",
                "佐藤 健一、山田 花子");
        assertThat(addressees.subList(7, addressees.size())).as("the scam: privately to her, a caution to the room (two chats, either first)")
                .containsExactlyInAnyOrder("山田 花子（ボットとの個人チャットで）", "（ルームの全員）");
        String fromCaution = outcome.out().substring(outcome.out().lastIndexOf("ContractGate → （ルームの全員）"));
        int next = fromCaution.indexOf("ContractGate → ", 1);
        String caution = next < 0 ? fromCaution : fromCaution.substring(0, next);
        assertThat(caution).as("the room's caution names no one").doesNotContain("佐藤").contains("いったん手を止めて");
    }

    @Test
    void writesTheBotsRepliesInEnglishWhenAsked() {
        CliTest.Outcome outcome = CliTest.run(Map.of(), "demo", "--lang", "en", "--config", "config/contractgate.yml");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out())
                .contains("【This is ContractGate】")
                .contains("【ContractGate: off-platform contact application confirmed】")
                .contains("【Summary of the terms (as of ")
                .contains("- fee: JPY 50,000 (佐藤 健一, ")
                .contains("[ ] missing: where (or how) it is delivered")
                .contains("【ContractGate: please be careful (about a Chatwork room; sent to you alone)】")
                .contains("【ContractGate: before you deal, check】");
    }

    @Test
    void playsTheSameConversationOnTeams() {
        CliTest.Outcome outcome = CliTest.run(Map.of(), "demo", "--channel", "msteams", "--config", "config/contractgate.yml");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out())
                .contains("山田 花子（ボットとの個人チャット）：@ContractGate 登録")
                .contains("【ContractGate です】")
                .contains("このボットを @メンションして")
                .contains("【ContractGate：サービス外連絡申請を確認しました】")
                .contains("以下は Teams でのやり取りから")
                .contains("【ContractGate：ご注意ください（Teams のチャットについて、あなただけにお送りしています）】")
                .contains("ボットの返信 9 件（ルームに 7 件、個人チャットに 2 件）")
                .doesNotContain("Chatwork").doesNotContain("（TO）");
    }

    @Test
    void playsTheSameConversationInALineGroup() {
        CliTest.Outcome outcome = CliTest.run(Map.of(), "demo", "--channel", "line", "--config", "config/contractgate.yml");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out())
                .contains("山田 花子：@ContractGate 登録")
                .contains("【ContractGate：このグループのフリーランスを登録しました】")
                .contains("ContractGate → 山田 花子")
                .contains("【ContractGate：サービス外連絡申請を確認しました】")
                .contains("以下は LINE でのやり取りから")
                .contains("【ContractGate：お取引の前にご確認ください】").doesNotContain("佐藤 健一 さんのメッセージ")
                .doesNotContain("Chatwork").doesNotContain("（TO）").doesNotContain("{m0}");
    }

    @Test
    void refusesAnUnknownChannel() {
        assertThat(CliTest.run(Map.of(), "demo", "--channel", "skype").exitCode()).isEqualTo(2);
    }

    @Test
    void refusesAnUnknownLanguage() {
        assertThat(CliTest.run(Map.of(), "demo", "--lang", "fr").exitCode()).isEqualTo(2);
    }
}
