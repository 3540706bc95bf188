package dev.contractgate.testing;

import java.nio.file.Path;
import java.time.Clock;

/**
 * A running service with the bot working in one Chatwork room of a fake Chatwork: room 777 with the bot, freelancer
 * 2001 (山田 花子) and client 3001 (佐藤 商事), and the registry's API as the operator.
 */
public final class BotInRoom implements AutoCloseable {
    public static final String BOT = TestEnvironment.BOT_ACCOUNT_ID;
    public static final String FREELANCER = "2001";
    public static final String CLIENT = "3001";
    public static final String ROOM = "777";

    private final FakeChatwork chatwork;
    private final RunningService service;
    private final RegistryCalls registry;

    public BotInRoom(Path folder, Clock clock) {
        chatwork = new FakeChatwork(BOT).members(ROOM, BOT, "ContractGate", FREELANCER, "山田 花子", CLIENT, "佐藤 商事");
        service = RunningService.start(chatwork.configure(new TestEnvironment(folder)), clock);
        registry = new RegistryCalls(service.http(), TestEnvironment.OPERATOR_KEY);
    }

    public FakeChatwork chatwork() {
        return chatwork;
    }

    public RunningService service() {
        return service;
    }

    public RegistryCalls registry() {
        return registry;
    }

    @Override
    public void close() {
        service.close();
        chatwork.close();
    }
}
