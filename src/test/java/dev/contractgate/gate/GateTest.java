package dev.contractgate.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contractgate.chat.ChatEvent;
import dev.contractgate.chat.Member;
import dev.contractgate.chat.ReplyKind;
import dev.contractgate.config.GateConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GateTest {
    private static final String BOT = "100";
    private static final String FREELANCER = "200";
    private static final String CLIENT = "300";
    private static final String SECOND_CLIENT = "301";
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    private final Gate gate = new Gate(new GateConfig.Cooldowns(null, null, null, null, null, null));

    private static RoomView room(List<String> freelancers, String... others) {
        List<Member> members = new java.util.ArrayList<>();
        members.add(new Member(BOT, "ContractGate"));
        members.add(new Member(FREELANCER, "山田 花子"));
        for (String other : others) {
            members.add(new Member(other, "クライアント" + other));
        }
        return new RoomView("chatwork", "10", BOT, members, freelancers);
    }

    private static ChatEvent message(String sender) {
        return new ChatEvent("chatwork", ChatEvent.Type.MESSAGE_CREATED, "10", "5001", sender, "text", NOW, null, null);
    }

    private static ApplicationView application(long id, String filedBy) {
        return new ApplicationView(id, "crowdworks", "https://crowdworks.jp/proposals/123", Instant.parse("2027-03-31T00:00:00Z"),
                CLIENT, FREELANCER, filedBy);
    }

    private static Observation contact() {
        return new Observation(Observation.CONTACT_EXCHANGE, "contact.line_id", 0, 17, "LINE: yamada_2024");
    }

    private static Observation negotiation() {
        return new Observation(Observation.NEGOTIATION, "negotiation.amount", 3, 6, "5万円");
    }

    private static Observation scam() {
        return new Observation(Observation.SCAM_SIGNAL, "scam.upfront_fee", 0, 8, "登録料3000円");
    }

    private static Observation deal() {
        return new Observation(Observation.OFF_PLATFORM_DEAL, "deal.direct_payment", 0, 6, "直接お振込み");
    }

    private GateDecision decide(RoomView room, String sender, Map<String, Coverage> coverage, List<Observation> observations) {
        return decide(room, sender, coverage, observations, Set.of(), Map.of());
    }

    private GateDecision decide(RoomView room, String sender, Map<String, Coverage> coverage, List<Observation> observations,
                                Set<String> alerted, Map<String, Instant> lastSent) {
        // The room was introduced long ago unless a test says otherwise (see the introduction tests).
        Map<String, Instant> sent = new java.util.HashMap<>(lastSent);
        sent.putIfAbsent(ReplyKind.INTRODUCTION.id(), NOW.minus(Duration.ofDays(30)));
        return gate.decide(new GateInput(message(sender), room, coverage, observations, alerted, sent, NOW));
    }

    private static List<ReplyKind> kinds(GateDecision decision) {
        return decision.actions().stream().map(Action::kind).toList();
    }

    private static Action only(GateDecision decision, ReplyKind kind) {
        return decision.actions().stream().filter(a -> a.kind() == kind).findFirst().orElseThrow();
    }

    @Test
    void asksForAFreelancerToRegisterInAnUnclaimedRoom() {
        GateDecision decision = decide(room(List.of(), CLIENT), CLIENT, Map.of(), List.of());

        assertThat(decision.state()).isEqualTo(RoomState.UNCLAIMED);
        assertThat(kinds(decision)).containsExactly(ReplyKind.SETUP_NOTICE);
        assertThat(only(decision, ReplyKind.SETUP_NOTICE).addressees()).containsExactly(FREELANCER, CLIENT);
    }

    @Test
    void warnsTheFreelancerAndTheUncoveredCounterpart() {
        GateDecision decision = decide(room(List.of(FREELANCER), CLIENT), CLIENT, Map.of(), List.of());

        assertThat(decision.state()).isEqualTo(RoomState.UNCOVERED);
        Action warning = only(decision, ReplyKind.GATE_WARNING);
        assertThat(warning.addressees()).containsExactly(FREELANCER, CLIENT);
        assertThat(warning.params().get("counterparts")).isEqualTo(List.of("クライアント300"));
        assertThat(warning.trigger().rule()).isEqualTo(Gate.RULE_UNCOVERED);
        assertThat(warning.trigger().messageId()).isEqualTo("5001");
    }

    @Test
    void keepsQuietAboutTheRoomWithinTheGateWarningCooldown() {
        RoomView room = room(List.of(FREELANCER), CLIENT);
        Map<String, Instant> sentAnHourAgo = Map.of("gate_warning", NOW.minus(Duration.ofHours(1)));
        Map<String, Instant> sentADayAgo = Map.of("gate_warning", NOW.minus(Duration.ofHours(25)));

        assertThat(kinds(decide(room, CLIENT, Map.of(), List.of(), Set.of(), sentAnHourAgo))).isEmpty();
        assertThat(kinds(decide(room, CLIENT, Map.of(), List.of(), Set.of(), sentADayAgo))).containsExactly(ReplyKind.GATE_WARNING);
    }

    @Test
    void foldsTheFirstContactExchangeIntoTheGateWarning() {
        GateDecision decision = decide(room(List.of(FREELANCER), CLIENT), CLIENT, Map.of(), List.of(contact()));

        assertThat(kinds(decision)).containsExactly(ReplyKind.GATE_WARNING);
        Action warning = only(decision, ReplyKind.GATE_WARNING);
        assertThat(warning.params().get("matches")).isEqualTo(List.of("LINE: yamada_2024"));
        assertThat(warning.trigger().match()).isEqualTo("LINE: yamada_2024");
        assertThat(warning.findingKeys()).containsExactly(contact().key());
    }

    @Test
    void alertsOnContactExchangeOnceTheWarningWasGiven() {
        Map<String, Instant> warned = Map.of("gate_warning", NOW.minus(Duration.ofMinutes(5)));

        GateDecision decision = decide(room(List.of(FREELANCER), CLIENT), CLIENT, Map.of(), List.of(contact()), Set.of(), warned);

        Action alert = only(decision, ReplyKind.CONTACT_ALERT);
        assertThat(alert.addressees()).containsExactly(FREELANCER, CLIENT);
        assertThat(alert.trigger().rule()).isEqualTo("contact.line_id");
        assertThat(alert.trigger().match()).isEqualTo("LINE: yamada_2024");
    }

    @Test
    void respectsTheContactAlertCooldown() {
        Map<String, Instant> recent = Map.of("gate_warning", NOW.minus(Duration.ofMinutes(30)),
                "contact_alert", NOW.minus(Duration.ofMinutes(3)));
        Map<String, Instant> older = Map.of("gate_warning", NOW.minus(Duration.ofMinutes(30)),
                "contact_alert", NOW.minus(Duration.ofMinutes(11)));
        RoomView room = room(List.of(FREELANCER), CLIENT);

        assertThat(kinds(decide(room, CLIENT, Map.of(), List.of(contact()), Set.of(), recent))).isEmpty();
        assertThat(kinds(decide(room, CLIENT, Map.of(), List.of(contact()), Set.of(), older))).containsExactly(ReplyKind.CONTACT_ALERT);
    }

    @Test
    void asksTheOtherPartyToConfirmAPendingClaimOnce() {
        Map<String, Coverage> claimed = Map.of(CLIENT, new Coverage(null, application(7, "client")));

        GateDecision first = decide(room(List.of(FREELANCER), CLIENT), CLIENT, claimed, List.of());
        GateDecision later = decide(room(List.of(FREELANCER), CLIENT), CLIENT, claimed, List.of(), Set.of(),
                Map.of("confirm_request:7", NOW.minus(Duration.ofDays(3))));

        assertThat(first.state()).isEqualTo(RoomState.CLAIMED);
        assertThat(kinds(first)).containsExactly(ReplyKind.CONFIRM_REQUEST);
        Action request = only(first, ReplyKind.CONFIRM_REQUEST);
        assertThat(request.addressees()).containsExactly(FREELANCER);
        assertThat(request.params()).containsEntry("reference", "https://crowdworks.jp/proposals/123");
        assertThat(request.cooldownKey()).isEqualTo("confirm_request:7");
        assertThat(kinds(later)).isEmpty();
    }

    @Test
    void asksTheClientToConfirmAClaimTheFreelancerFiled() {
        Map<String, Coverage> claimed = Map.of(CLIENT, new Coverage(null, application(8, "freelancer")));

        assertThat(only(decide(room(List.of(FREELANCER), CLIENT), FREELANCER, claimed, List.of()), ReplyKind.CONFIRM_REQUEST)
                .addressees()).containsExactly(CLIENT);
    }

    @Test
    void announcesAConfirmedApplicationOnceWithItsValidity() {
        Map<String, Coverage> covered = Map.of(CLIENT, new Coverage(application(9, "client"), null));

        GateDecision first = decide(room(List.of(FREELANCER), CLIENT), CLIENT, covered, List.of());
        GateDecision again = decide(room(List.of(FREELANCER), CLIENT), CLIENT, covered, List.of(), Set.of(),
                Map.of("approval_notice:9", NOW.minus(Duration.ofDays(30))));

        assertThat(first.state()).isEqualTo(RoomState.CONFIRMED);
        Action notice = only(first, ReplyKind.APPROVAL_NOTICE);
        assertThat(notice.addressees()).containsExactly(FREELANCER, CLIENT);
        assertThat(notice.params()).containsEntry("valid_until", Instant.parse("2027-03-31T00:00:00Z"))
                .containsEntry("platform", "crowdworks");
        assertThat(kinds(again)).isEmpty();
    }

    @Test
    void allowsContactExchangeOnceCoveredButRemindsAboutTerms() {
        Map<String, Coverage> covered = Map.of(CLIENT, new Coverage(application(9, "client"), null));
        Map<String, Instant> announced = Map.of("approval_notice:9", NOW.minus(Duration.ofDays(1)));

        GateDecision decision = decide(room(List.of(FREELANCER), CLIENT), CLIENT, covered, List.of(contact(), negotiation()),
                Set.of(), announced);

        assertThat(kinds(decision)).containsExactly(ReplyKind.NEGOTIATION_REMINDER);
        assertThat(only(decision, ReplyKind.NEGOTIATION_REMINDER).template()).isEqualTo("negotiation_reminder.covered");
    }

    @Test
    void remindsToNegotiateOnThePlatformWhileOnlyClaimed() {
        Map<String, Coverage> claimed = Map.of(CLIENT, new Coverage(null, application(7, "client")));
        Map<String, Instant> asked = Map.of("confirm_request:7", NOW.minus(Duration.ofHours(2)));

        GateDecision decision = decide(room(List.of(FREELANCER), CLIENT), CLIENT, claimed, List.of(negotiation()), Set.of(), asked);

        assertThat(kinds(decision)).containsExactly(ReplyKind.NEGOTIATION_REMINDER);
        assertThat(only(decision, ReplyKind.NEGOTIATION_REMINDER).template()).isEqualTo("negotiation_reminder.uncovered");
    }

    @Test
    void warnsAboutAnUncoveredSecondClientEvenWhenTheFirstIsCovered() {
        Map<String, Coverage> coverage = Map.of(CLIENT, new Coverage(application(9, "client"), null));
        Map<String, Instant> announced = Map.of("approval_notice:9", NOW.minus(Duration.ofDays(1)));

        GateDecision decision = decide(room(List.of(FREELANCER), CLIENT, SECOND_CLIENT), SECOND_CLIENT, coverage,
                List.of(contact()), Set.of(), announced);

        assertThat(decision.state()).isEqualTo(RoomState.UNCOVERED);
        assertThat(only(decision, ReplyKind.GATE_WARNING).addressees()).containsExactly(FREELANCER, SECOND_CLIENT);
        assertThat(only(decision, ReplyKind.GATE_WARNING).params().get("counterparts")).isEqualTo(List.of("クライアント301"));
    }

    @Test
    void saysWhenALabelWasJudgedFromTheMessageAsAWhole() {
        Map<String, Coverage> covered = Map.of(CLIENT, new Coverage(application(9, "client"), null));
        Map<String, Instant> announced = Map.of("approval_notice:9", NOW.minus(Duration.ofDays(1)));
        Observation whole = new Observation(Observation.SCAM_SIGNAL, "model.scam_signal", 0, 60,
                "Its very easy task, just click like…");

        Action alert = only(decide(room(List.of(FREELANCER), CLIENT), CLIENT, covered, List.of(whole), Set.of(), announced),
                ReplyKind.SCAM_ALERT);
        assertThat(alert.params().get("whole")).isEqualTo("yes");
        assertThat(alert.params().get("matches")).isEqualTo(List.of("Its very easy task, just click like…"));
        Action ruled = only(decide(room(List.of(FREELANCER), CLIENT), CLIENT, covered, List.of(scam()), Set.of(), announced),
                ReplyKind.SCAM_ALERT);
        assertThat(ruled.params().get("whole")).isEqualTo("");
    }

    @Test
    void doesNotFlagTheFreelancersOwnWordsAsAScam() {
        Map<String, Coverage> covered = Map.of(CLIENT, new Coverage(application(9, "client"), null));
        Map<String, Instant> announced = Map.of("approval_notice:9", NOW.minus(Duration.ofDays(1)));

        assertThat(kinds(decide(room(List.of(FREELANCER), CLIENT), FREELANCER, covered, List.of(scam()), Set.of(), announced))).isEmpty();
    }

    @Test
    void alwaysAlertsOnADirectDealProposal() {
        Map<String, Coverage> covered = Map.of(CLIENT, new Coverage(application(9, "client"), null));
        Map<String, Instant> announced = Map.of("approval_notice:9", NOW.minus(Duration.ofDays(1)));

        GateDecision decision = decide(room(List.of(FREELANCER), CLIENT), CLIENT, covered, List.of(deal()), Set.of(), announced);

        assertThat(kinds(decision)).containsExactly(ReplyKind.DEAL_ALERT);
        assertThat(only(decision, ReplyKind.DEAL_ALERT).addressees()).containsExactly(FREELANCER, CLIENT);
    }

    @Test
    void doesNotAlertTwiceOnAFindingAnEditKept() {
        Map<String, Instant> warned = Map.of("gate_warning", NOW.minus(Duration.ofHours(2)));
        RoomView room = room(List.of(FREELANCER), CLIENT);
        Observation newPhone = new Observation(Observation.CONTACT_EXCHANGE, "contact.phone", 20, 33, "090-1234-5678");

        GateDecision unchanged = decide(room, CLIENT, Map.of(), List.of(contact()), Set.of(contact().key()), warned);
        GateDecision added = decide(room, CLIENT, Map.of(), List.of(contact(), newPhone), Set.of(contact().key()), warned);

        assertThat(kinds(unchanged)).isEmpty();
        assertThat(only(added, ReplyKind.CONTACT_ALERT).params().get("matches")).isEqualTo(List.of("090-1234-5678"));
    }

    @Test
    void quotesTheLongestOfOverlappingMatchesInTheOrderTheyAppear() {
        List<Observation> found = List.of(
                new Observation(Observation.CONTACT_EXCHANGE, "contact.service", 20, 29, "Chatworkで"),
                new Observation(Observation.CONTACT_EXCHANGE, "contact.service", 14, 26, "こちらのChatwork"),
                new Observation(Observation.CONTACT_EXCHANGE, "contact.handle", 0, 8, "LINE: ab"));

        assertThat(Gate.matches(found)).containsExactly("LINE: ab", "こちらのChatwork");
    }

    @Test
    void saysNothingAboutAnOrdinaryMessageInACoveredRoom() {
        Map<String, Coverage> covered = new HashMap<>(Map.of(CLIENT, new Coverage(application(9, "client"), null)));
        Map<String, Instant> announced = Map.of("approval_notice:9", NOW.minus(Duration.ofDays(1)));

        assertThat(kinds(decide(room(List.of(FREELANCER), CLIENT), CLIENT, covered, List.of(), Set.of(), announced))).isEmpty();
    }

    private GateDecision firstSpeech(RoomView room, String sender, Map<String, Coverage> coverage, List<Observation> found) {
        return gate.decide(new GateInput(message(sender), room, coverage, found, Set.of(), Map.of(), NOW, 1));
    }

    @Test
    void introducesItselfTheFirstTimeItSpeaksAndFoldsTheWarningAndTheFindingsIntoIt() {
        GateDecision decision = firstSpeech(room(List.of(FREELANCER), CLIENT), CLIENT, Map.of(), List.of(contact(), deal()));

        assertThat(decision.actions()).singleElement().satisfies(introduction -> {
            assertThat(introduction.kind()).isEqualTo(ReplyKind.INTRODUCTION);
            assertThat(introduction.template()).isEqualTo("introduction.uncovered");
            assertThat(introduction.addressees()).as("it mentions no one").isEmpty();
            assertThat(introduction.params().get("matches")).isEqualTo(List.of("LINE: yamada_2024"));
            assertThat(introduction.params().get("notes")).isEqualTo(List.of("note.deal_alert", "note.contact_alert"));
            assertThat(introduction.findingKeys()).containsExactlyInAnyOrder(contact().key(), deal().key());
        });
    }

    @Test
    void foldsEverythingOneMessageRaisesIntoOneReply() {
        Map<String, Instant> warned = Map.of("gate_warning", NOW.minus(Duration.ofMinutes(5)));

        GateDecision decision = decide(room(List.of(FREELANCER), CLIENT), CLIENT, Map.of(), List.of(contact(), deal(), negotiation()),
                Set.of(), warned);

        assertThat(decision.actions()).singleElement().satisfies(reply -> {
            assertThat(reply.kind()).isEqualTo(ReplyKind.DEAL_ALERT);
            assertThat(reply.params().get("notes")).isEqualTo(List.of("note.contact_alert", "note.negotiation_reminder.uncovered"));
            assertThat(reply.addressees()).containsExactly(FREELANCER, CLIENT);
        });
    }

    @Test
    void keepsToTheBudgetUnlessTheMessageBringsSomethingNew() {
        Map<String, Coverage> covered = Map.of(CLIENT, new Coverage(application(7, "client"), null));
        Map<String, Instant> sent = Map.of(ReplyKind.INTRODUCTION.id(), NOW.minus(Duration.ofDays(3)),
                "approval_notice:7", NOW.minus(Duration.ofDays(2)));
        RoomView room = room(List.of(FREELANCER), CLIENT);
        java.util.function.IntFunction<GateDecision> after = written -> gate.decide(new GateInput(message(CLIENT), room,
                covered, List.of(negotiation()), Set.of(), sent, NOW, written));

        assertThat(kinds(after.apply(1))).as("one message since the bot spoke").isEmpty();
        assertThat(kinds(after.apply(2))).isEmpty();
        assertThat(kinds(after.apply(3))).containsExactly(ReplyKind.NEGOTIATION_REMINDER);
        assertThat(kinds(gate.decide(new GateInput(message(CLIENT), room, covered, List.of(deal()), Set.of(), sent, NOW, 1))))
                .as("a direct deal is something new").containsExactly(ReplyKind.DEAL_ALERT);
    }

    @Test
    void sendsAJudgementOfACounterpartPrivatelyAndTellsTheRoomWithoutNamingAnyone() {
        Map<String, Coverage> covered = Map.of(CLIENT, new Coverage(application(7, "client"), null));
        Map<String, Instant> announced = Map.of("approval_notice:7", NOW.minus(Duration.ofDays(1)));

        GateDecision decision = decide(room(List.of(FREELANCER), CLIENT), CLIENT, covered, List.of(scam()), Set.of(), announced);

        Action alert = only(decision, ReplyKind.SCAM_ALERT);
        assertThat(alert.privately()).isTrue();
        assertThat(alert.addressees()).as("the freelancer alone").containsExactly(FREELANCER);
        assertThat(alert.trigger().rule()).isEqualTo("scam.upfront_fee");
        assertThat(alert.params().get("sender")).isEqualTo("クライアント300");
        Action caution = only(decision, ReplyKind.CAUTION_NOTICE);
        assertThat(caution.privately()).isFalse();
        assertThat(caution.addressees()).isEmpty();
        assertThat(caution.params().values()).noneMatch(value -> value.toString().contains("クライアント300"))
                .noneMatch(value -> value.toString().contains("登録料"));
    }

    @Test
    void configurationSaysWhichKindsArePrivate() {
        Gate dealsPrivately = new Gate(new GateConfig(null, null, List.of("scam_alert", "deal_alert")));
        Map<String, Coverage> covered = Map.of(CLIENT, new Coverage(application(7, "client"), null));
        Map<String, Instant> sent = Map.of(ReplyKind.INTRODUCTION.id(), NOW.minus(Duration.ofDays(3)),
                "approval_notice:7", NOW.minus(Duration.ofDays(2)));

        GateDecision decision = dealsPrivately.decide(new GateInput(message(CLIENT), room(List.of(FREELANCER), CLIENT),
                covered, List.of(deal()), Set.of(), sent, NOW, 5));

        assertThat(only(decision, ReplyKind.DEAL_ALERT).privately()).isTrue();
        assertThat(kinds(decision)).containsExactly(ReplyKind.DEAL_ALERT, ReplyKind.CAUTION_NOTICE);
    }
}
