package dev.contractgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoCommandTest {
    @Test
    void playsTheConversationThroughThePipelineAndPrintsEveryKindOfReply() {
        CliTest.Outcome outcome = CliTest.run(Map.of(), "demo", "--config", "config/contractgate.yml");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out())
                .contains("山田 花子：[TO ContractGate] 登録")
                .contains("【ContractGate：このルームのフリーランスを登録しました】")
                .contains("佐藤 健一：急ぎなので、LINEのほうが早いかもしれません。")
                .contains("【ContractGate：サービス外連絡申請が確認できません】")
                .contains("【ContractGate：連絡先の交換について】")
                .contains("【ContractGate：申請の確認をお願いします】")
                .contains("【ContractGate：サービス外連絡申請を確認しました】")
                .contains("【ContractGate：条件はプラットフォームにも残しましょう】")
                .contains("【取引条件のまとめ（").contains("・報酬の額：50,000円（佐藤 健一 さん").contains("山田 花子 さんが了承）")
                .contains("【ContractGate：プラットフォームを通さない取引について】")
                .contains("【ContractGate：ご注意ください】")
                .contains("ボットの返信 9 件");
    }

    @Test
    void writesTheBotsRepliesInEnglishWhenAsked() {
        CliTest.Outcome outcome = CliTest.run(Map.of(), "demo", "--lang", "en", "--config", "config/contractgate.yml");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out())
                .contains("【ContractGate: no approved off-platform contact application】")
                .contains("【ContractGate: off-platform contact application confirmed】")
                .contains("【Summary of the terms (as of ")
                .contains("- fee: JPY 50,000 (佐藤 健一, ")
                .contains("[ ] missing: where (or how) it is delivered")
                .contains("【ContractGate: please be careful】");
    }

    @Test
    void playsTheSameConversationOnTeams() {
        CliTest.Outcome outcome = CliTest.run(Map.of(), "demo", "--channel", "msteams", "--config", "config/contractgate.yml");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out())
                .contains("山田 花子：@ContractGate 登録")
                .contains("【ContractGate：このチャットのフリーランスを登録しました】")
                .contains("【ContractGate：サービス外連絡申請が確認できません】")
                .contains("このボットを @メンションして")
                .contains("【ContractGate：サービス外連絡申請を確認しました】")
                .contains("以下は Teams でのやり取りから")
                .contains("【ContractGate：ご注意ください】")
                .contains("ボットの返信 9 件")
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
                .contains("【ContractGate：ご注意ください】")
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
