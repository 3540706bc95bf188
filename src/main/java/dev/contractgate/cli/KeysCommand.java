package dev.contractgate.cli;

import dev.contractgate.Main;
import dev.contractgate.config.ConfigLoader;
import dev.contractgate.db.Database;
import dev.contractgate.registry.Actor;
import dev.contractgate.registry.ApiKeys;
import dev.contractgate.registry.ChannelIds;
import dev.contractgate.registry.IssuedKey;
import dev.contractgate.registry.NewApiKey;
import dev.contractgate.registry.Role;
import dev.contractgate.validation.FieldError;
import dev.contractgate.validation.FieldErrors;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage API keys.",
        synopsisSubcommandLabel = "COMMAND")
final class KeysCommand implements Runnable {
    @Spec
    CommandSpec spec;

    /** {@code keys} with its subcommands. */
    static CommandLine create(Map<String, String> env) {
        return new CommandLine(new KeysCommand()).addSubcommand(new Create(env));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: keys create");
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Create an API key and print it once, alone on the last line; only its hash is stored.",
                    "A freelancer or client key is bound to one account: give --channel and --account-id."})
    static final class Create implements Callable<Integer> {
        private final Map<String, String> env;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "operator, freelancer or client")
        String role;

        @Option(names = "--channel", paramLabel = "CHANNEL", description = "the party's channel: ${COMPLETION-CANDIDATES} (freelancer and client keys)",
                completionCandidates = ChannelNames.class)
        String channel;

        @Option(names = "--account-id", paramLabel = "ID", description = "the party's account id on that channel")
        String accountId;

        @Option(names = "--name", paramLabel = "NAME", description = "a label for the key, such as who holds it")
        String name;

        @Mixin
        ConfigOption config;

        @Spec
        CommandSpec spec;

        Create(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            FieldErrors errors = new FieldErrors();
            NewApiKey request = new NewApiKey(errors.oneOf("role", role, List.of(Role.values())), channel, accountId, name);
            ChannelIds ids = Main.channelIds();
            request.check(ids, errors);
            if (!errors.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), errors.list().stream()
                        .map(Create::describe).collect(Collectors.joining("; ")));
            }
            ConfigLoader.Loaded loaded = config.load(env);
            try (Database database = Main.openDatabase(loaded.config(), loaded.secrets())) {
                IssuedKey issued = new ApiKeys(database.jdbi(), ids, Clock.systemUTC())
                        .create(Actor.operator("command line"), request);
                PrintWriter out = spec.commandLine().getOut();
                out.println("created " + request.role().wire() + " key " + issued.key().id()
                        + (request.role().isParty() ? " for " + request.channel() + ":" + request.accountId() : "")
                        + "; it is shown once, only its hash is stored:");
                out.println(issued.secret());
                out.flush();
            }
            return Cli.OK;
        }

        /** The channel names for {@code --help}. */
        static final class ChannelNames implements Iterable<String> {
            @Override
            public java.util.Iterator<String> iterator() {
                return Main.channelIds().names().iterator();
            }
        }

        /** Names the option, not the API field. */
        private static String describe(FieldError error) {
            return "--" + error.field().replace('_', '-') + " " + error.message();
        }
    }
}
