package dev.contractgate.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.contractgate.testing.ChatworkWebhooks;
import dev.contractgate.testing.Eventually;
import dev.contractgate.testing.FakeChatwork;
import dev.contractgate.testing.RegistryCalls;
import dev.contractgate.testing.Messenger;
import dev.contractgate.testing.RunningService;
import dev.contractgate.testing.TestEnvironment;
import dev.contractgate.testing.TestHttp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The negotiation ledger and the summary, from a realistic conversation in a covered room. */
class LedgerEndToEndTest {
    static final String BOT = TestEnvironment.BOT_ACCOUNT_ID;
    static final String FREELANCER = "2001";
    static final String CLIENT = "3001";
    static final String ROOM = "990";
    /** 2026-11-20 10:00 in Tokyo. */
    static final long FRIDAY = 1_795_136_400L;

    @TempDir
    Path folder;

    private FakeChatwork chatwork;
    private RunningService service;
    private final Messenger messenger = new Messenger(600_000);

    @BeforeEach
    void start() {
        chatwork = new FakeChatwork(BOT).members(ROOM, BOT, "ContractGate", FREELANCER, "山田 花子", CLIENT, "佐藤 健一");
        service = RunningService.start(chatwork.configure(new TestEnvironment(folder)));
        RegistryCalls registry = new RegistryCalls(service.http(), TestEnvironment.OPERATOR_KEY);
        registry.party(FREELANCER, "freelancer");
        registry.confirmed(CLIENT, FREELANCER, ROOM);
    }

    @AfterEach
    void stop() {
        service.close();
        chatwork.close();
    }

    private void say(String sender, String text, long at) {
        messenger.say(service, ROOM, sender, text, at);
    }

    private void negotiate() {
        say(CLIENT, "改めまして、LPのデザインとコーディングをお願いしたいと考えています。", FRIDAY);
        say(CLIENT, "報酬は50,000円でいかがでしょうか？", FRIDAY + 60);
        say(FREELANCER, "ありがとうございます。ボリュームを考えると、6万円でお願いできますでしょうか。", FRIDAY + 600);
        say(CLIENT, "承知しました、6万円で進めましょう。納期は12月15日でお願いします。", FRIDAY + 900);
        say(CLIENT, "お支払いは月末締めの翌月末払いで、銀行振込になります。", FRIDAY + 960);
    }

    private JsonNode ledger(String key) {
        TestHttp.Answer answer = service.http().get("/api/rooms/chatwork/" + ROOM + "/ledger", key);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    @Test
    void keepsEveryTermAndMarksTheLatestValueOfEachAsCurrent() {
        negotiate();

        JsonNode ledger = ledger(TestEnvironment.OPERATOR_KEY);
        List<JsonNode> amounts = new ArrayList<>();
        ledger.forEach(entry -> {
            if (entry.get("term_type").asText().equals("amount")) {
                amounts.add(entry);
            }
        });
        assertThat(amounts).extracting(entry -> entry.get("value").asText()).containsExactly("60000", "60000", "50000");
        assertThat(amounts).extracting(entry -> entry.get("current").asBoolean()).containsExactly(true, false, false);
        assertThat(amounts.get(0).get("sender_id").asText()).isEqualTo(CLIENT);
        assertThat(amounts.get(2).get("question").asBoolean()).isTrue();
        assertThat(amounts.get(1).get("sender_id").asText()).isEqualTo(FREELANCER);
        assertThat(amounts.get(1).get("answered_by").asText()).as("the client accepted the counter-offer").isEqualTo(CLIENT);
        List<JsonNode> payments = new ArrayList<>();
        ledger.forEach(entry -> {
            if (entry.get("term_type").asText().equals("payment")) {
                payments.add(entry);
            }
        });
        assertThat(payments).as("one payment term, read as a whole").singleElement().satisfies(payment -> {
            assertThat(payment.get("value").asText()).isEqualTo("closing=end;due=next_month:end;method=bank_transfer");
            assertThat(payment.get("text").asText()).isEqualTo("月末締めの翌月末払いで、銀行振込");
        });
        assertThat(ledger).anySatisfy(entry -> {
            assertThat(entry.get("term_type").asText()).isEqualTo("deadline");
            assertThat(entry.get("value").asText()).isEqualTo("2026-12-15");
            assertThat(entry.get("current").asBoolean()).isTrue();
        });

        JsonNode newestTwo = service.http().get("/api/rooms/chatwork/" + ROOM + "/ledger?limit=2", TestEnvironment.OPERATOR_KEY).json();
        assertThat(newestTwo).hasSize(2);
        assertThat(newestTwo.get(0)).isEqualTo(ledger.get(0));
        assertThat(newestTwo.get(1)).isEqualTo(ledger.get(1));
        assertThat(service.http().get("/api/rooms/chatwork/" + ROOM + "/ledger?limit=0", TestEnvironment.OPERATOR_KEY).status())
                .isEqualTo(400);
    }

    @Test
    void writesTheLedgerAsCsvWithProperQuoting() throws Exception {
        negotiate();

        TestHttp.Answer answer = service.http().get("/api/rooms/chatwork/" + ROOM + "/ledger?format=csv", TestEnvironment.OPERATOR_KEY);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("text/csv");
        assertThat(answer.body().lines().findFirst().orElseThrow())
                .isEqualTo("id,said_at,sender_id,sender_name,term_type,value,text,question,answered_by,current,message_id");
        assertThat(answer.body()).contains("\"50,000円\"");
        try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(answer.body())) {
            List<Map<String, String>> parsed = rows.readAll();
            assertThat(parsed).hasSize(ledger(TestEnvironment.OPERATOR_KEY).size());
            assertThat(parsed).anySatisfy(row -> {
                assertThat(row.get("text")).isEqualTo("50,000円");
                assertThat(row.get("sender_name")).isEqualTo("佐藤 健一");
            });
        }
    }

    @Test
    void showsTheLedgerToThePartiesOfTheRoomOnly() {
        negotiate();
        RegistryCalls registry = new RegistryCalls(service.http(), TestEnvironment.OPERATOR_KEY);

        assertThat(ledger(registry.createKey("client", CLIENT))).isNotEmpty();
        assertThat(service.http().get("/api/rooms/chatwork/" + ROOM + "/ledger", registry.createKey("client", "3999")).status())
                .isEqualTo(404);
        assertThat(service.http().get("/api/rooms/chatwork/" + ROOM + "/ledger?format=xml", TestEnvironment.OPERATOR_KEY).status())
                .isEqualTo(400);
    }

    @Test
    void summarisesTheTermsWhoSaidThemAndWhatTheActRequiresThatIsStillMissing() {
        negotiate();
        int before = chatwork.postsIn(ROOM).size();

        say(FREELANCER, "[To:" + BOT + "]ContractGateさん\nまとめ", FRIDAY + 1200);

        Eventually.await("summary posted", () -> chatwork.postsIn(ROOM).size() > before);
        String summary = chatwork.postsIn(ROOM).get(before).body();
        assertThat(summary).contains("取引条件のまとめ")
                .contains("・報酬の額：60,000円（佐藤 健一 さん、2026年11月20日）")
                .contains("・納期：2026年12月15日（佐藤 健一 さん")
                .contains("・支払い：月末締め・翌月末払い・銀行振込（佐藤 健一 さん")
                .contains("✓ 報酬の額").contains("✓ 支払期日").contains("✓ 支払方法").contains("✓ 給付を受領する期日（納期）")
                .contains("未 給付を受領する場所（納品先・納品方法）").contains("未 検査完了日（検査をする場合）")
                .contains("「未」の事項は、発注者（クライアント）から書面またはメッセージで明示してもらいましょう。")
                .doesNotContain("返答を待っている点");
    }
}
