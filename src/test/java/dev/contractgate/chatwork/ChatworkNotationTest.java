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

    /** The chars the analysis reads: those not marked as somebody else's or as markup. */
    private static String ownWords(String body) {
        java.util.BitSet hidden = ChatworkNotation.notOwnWords(body);
        StringBuilder kept = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            if (!hidden.get(i)) {
                kept.append(body.charAt(i));
            }
        }
        return kept.toString();
    }

    @Test
    void marksQuotesCodeAndTagsAsNotTheSendersOwnWordsButKeepsInfoText() {
        String body = "[To:123]佐藤さん[qt][qtmeta aid=1 time=2]LINE教えて[/qt]了解[code]a@b.jp[/code]"
                + "[info][title]件名[/title]本文[/info][hr][picon:5][download:9]";

        assertThat(ownWords(body)).isEqualTo("佐藤さん了解件名本文");
    }

    @Test
    void marksNestedQuotesWholeAndLeavesTheTextAfterAnUnclosedQuoteTag() {
        assertThat(ownWords("[qt]外[qt]内[/qt]外[/qt]後")).isEqualTo("後");
        assertThat(ownWords("[qt]閉じない")).isEqualTo("閉じない");
        assertThat(ownWords("no notation at all")).isEqualTo("no notation at all");
    }
}
