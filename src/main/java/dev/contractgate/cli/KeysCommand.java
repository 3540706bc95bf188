package dev.contractgate.cli;

import dev.contractgate.Main;
import dev.contractgate.config.ConfigLoader;
import dev.contractgate.config.Durations;
import dev.contractgate.db.Database;
import dev.contractgate.registry.Actor;
import dev.contractgate.registry.ApiKey;
import dev.contractgate.registry.ApiKeys;
import dev.contractgate.registry.ChannelIds;
import dev.contractgate.registry.IssuedKey;
import dev.contractgate.registry.NewApiKey;
import dev.contractgate.registry.NotFoundException;
import dev.contractgate.registry.Role;
import dev.contractgate.validation.FieldErrors;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code keys create|list|revoke}: works on the database directly, so it must reach the same database as {@code serve}
 * (the same {@code --config} file and {@code CONTRACTGATE_DB_URL}).
 */
@Command(name = "keys", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = {"Manage API keys: create, list, revoke.",
                "Works on the database directly: give it the same configuration (--config, CONTRACTGATE_DB_URL) as serve."})
final class KeysCommand implements Runnable {
    private static final Actor COMMAND_LINE = Actor.operator("command line");

    @Spec
    CommandSpec spec;

    /** {@code keys} with its subcommands. */
    static CommandLine create(Map<String, String> env) {
        return new CommandLine(new KeysCommand()).addSubcommand(new Create(env)).addSubcommand(new ListKeys(env))
                .addSubcommand(new Revoke(env));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: keys create, keys list or keys revoke");
    }

    /** Opens the configured database (applying migrations), runs {@code work} on its keys, and closes it. */
    static <T> T withKeys(ConfigOption config, Map<String, String> env, Function<ApiKeys, T> work) {
        ConfigLoader.Loaded loaded = config.load(env);
        try (Database database = Main.openDatabase(loaded.config(), loaded.secrets())) {
            return work.apply(new ApiKeys(database.jdbi(), Main.channelIds(), Clock.systemUTC()));
        }
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

        @Option(names = "--expires-at", paramLabel = "WHEN",
                description = "when the key stops working: an RFC 3339 time (2027-03-31T23:59:59+09:00) or a duration from now (90d, 12h); default: never")
        String expiresAt;

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
            NewApiKey request = new NewApiKey(errors.oneOf("role", role, List.of(Role.values())), channel, accountId, name,
                    expiry(errors));
            request.check(Main.channelIds(), errors);
            request.checkExpiry(Instant.now(), errors);
            refuseIfAny(errors, spec);
            IssuedKey issued = withKeys(config, env, keys -> keys.create(COMMAND_LINE, request));
            PrintWriter out = spec.commandLine().getOut();
            out.println("created " + request.role().wire() + " key " + issued.key().id()
                    + (request.role().isParty() ? " for " + request.channel() + ":" + request.accountId() : "")
                    + (issued.key().expiresAt() == null ? "" : ", expires " + issued.key().expiresAt())
                    + "; it is shown once, only its hash is stored:");
            out.println(issued.secret());
            out.flush();
            return Cli.OK;
        }

        private Instant expiry(FieldErrors errors) {
            if (expiresAt == null || expiresAt.isBlank()) {
                return null;
            }
            if (Character.isDigit(expiresAt.strip().charAt(0)) && !expiresAt.contains("T")) {
                try {
                    return Instant.now().plus(Durations.parse(expiresAt.strip()));
                } catch (IllegalArgumentException e) {
                    errors.add("expires_at", "must be an RFC 3339 time or a duration such as 90d: " + e.getMessage());
                    return null;
                }
            }
            return errors.time("expires_at", expiresAt.strip());
        }
    }

    /** The channel names for {@code --help}. */
    static final class ChannelNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Main.channelIds().names().iterator();
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the stored keys, newest first: never a key itself, only what it is bound to and its state.")
    static final class ListKeys implements Callable<Integer> {
        private final Map<String, String> env;

        @Option(names = "--role", paramLabel = "ROLE", description = "only keys of this role: operator, freelancer or client")
        String role;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "1000", description = "at most this many (default: ${DEFAULT-VALUE})")
        int limit;

        @Mixin
        ConfigOption config;

        @Spec
        CommandSpec spec;

        ListKeys(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            FieldErrors errors = new FieldErrors();
            Role only = errors.oneOf("role", role, List.of(Role.values()));
            if (limit < 1) {
                errors.add("limit", "must be at least 1");
            }
            refuseIfAny(errors, spec);
            List<ApiKey> keys = withKeys(config, env, all -> all.list(only, null, null, limit));
            PrintWriter out = spec.commandLine().getOut();
            Instant now = Instant.now();
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"ID", "ROLE", "ACCOUNT", "NAME", "STATUS", "CREATED", "LAST USED", "EXPIRES", "REVOKED"});
            for (ApiKey key : keys) {
                rows.add(new String[] {String.valueOf(key.id()), key.role().wire(),
                        key.role().isParty() ? key.channel() + ":" + key.accountId() : "-", orDash(key.name()),
                        key.status(now), orDash(key.createdAt()), orDash(key.lastUsedAt()), orDash(key.expiresAt()),
                        orDash(key.revokedAt())});
            }
            Table.print(out, rows);
            out.flush();
            return Cli.OK;
        }

        private static String orDash(Object value) {
            return value == null ? "-" : value.toString();
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = {"Revoke a key: every request with it is refused (401) from now on, on every instance.",
                    "The bootstrap key (CONTRACTGATE_OPERATOR_KEY) is not stored: unset it and restart instead."})
    static final class Revoke implements Callable<Integer> {
        private final Map<String, String> env;

        @Parameters(paramLabel = "ID", description = "the key's id, as keys list shows it")
        long id;

        @Mixin
        ConfigOption config;

        @Spec
        CommandSpec spec;

        Revoke(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            ApiKey key;
            try {
                key = withKeys(config, env, keys -> keys.revoke(COMMAND_LINE, id));
            } catch (NotFoundException e) {
                spec.commandLine().getErr().println(e.getMessage());
                return Cli.FAILURE;
            }
            spec.commandLine().getOut().println("key " + key.id() + " (" + ApiKeys.describe(key) + ") is revoked since "
                    + key.revokedAt());
            return Cli.OK;
        }
    }

    /** Bad usage (exit 2) naming each option that is wrong, by its option name rather than its API field. */
    private static void refuseIfAny(FieldErrors errors, CommandSpec spec) {
        if (!errors.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), errors.list().stream()
                    .map(error -> "--" + error.field().replace('_', '-') + " " + error.message())
                    .collect(Collectors.joining("; ")));
        }
    }
}
