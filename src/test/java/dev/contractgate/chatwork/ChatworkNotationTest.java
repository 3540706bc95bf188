package dev.contractgate.chatwork;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contractgate.chat.Reply;
import dev.contractgate.chat.ReplyKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatworkNotationTest {
    @Test
    void repliesOntoTheMessageMentionsTheOthersAndWrapsTheTextInAnInfoBlock() {
        Reply reply = new Reply("chatwork", "36818150", ReplyKind.CONTACT_ALERT, List.of("200", "300"),
                new Reply.MessageRef("984676321621704704", "300"), "連絡先の交換について", "本文です");

        assertThat(ChatworkNotation.render(reply)).isEqualTo(
                "[rp aid=300 to=36818150-984676321621704704][To:200]\n[info][title]連絡先の交換について[/title]本文です[/info]");
    }

    @Test
    void defusesChatworkTagsInTextTheBotRepeats() {
        Reply reply = new Reply("chatwork", "1", ReplyKind.SCAM_ALERT, List.of("200"), null, "t",
                "「[toall][/info][To:999]登録料」 and [x] stays");

        String rendered = ChatworkNotation.render(reply);

        assertThat(rendered).startsWith("[To:200]\n[info][title]t[/title]");
        assertThat(rendered).contains("［toall]［/info]［To:999]登録料").contains("[x] stays").endsWith("[/info]");
    }
}
