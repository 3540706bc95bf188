package dev.contractgate.cli;

import dev.contractgate.BuildInfo;
import dev.contractgate.config.ConfigException;
import dev.contractgate.logging.LogFormat;
import dev.contractgate.validation.ControlCharacters;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code contractgate <command>}; exit codes 0 success, 2 bad usage or configuration, 1 failure. */
@Command(name = "contractgate", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "ContractGate: a chat bot that keeps freelancers safe when a client moves the talk off the platform.",
        synopsisSubcommandLabel = "COMMAND")
public final class Cli implements Runnable {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /** Runs a command line; returns the exit code. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        return run(args, env, System.in, out, err);
    }

    /** Runs a command line with the given standard input (read by {@code scan}); returns the exit code. */
    public static int run(String[] args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
        String refused = refusedArgument(args);
        if (refused != null) {
            err.println("error: " + refused);
            return USAGE;
        }
        CommandLine commandLine = new CommandLine(new Cli())
                .addSubcommand(new ServeCommand(env))
                .addSubcommand(new MigrateCommand(env))
                .addSubcommand(KeysCommand.create(env))
                .addSubcommand(ApplicationsCommand.create(env, System.console() != null))
                .addSubcommand(TeamsCommand.create(env))
                .addSubcommand(new ScanCommand(env, in, out))
                .addSubcommand(new EvaluateCommand(env, out))
                .addSubcommand(new DemoCommand(out));
        PrintWriter errWriter = new PrintWriter(err, true);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(errWriter);
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            if (exception instanceof ConfigException config) {
                return configurationError(errWriter, config);
            }
            errWriter.println(cmd.getCommandName() + " failed: " + describe(exception));
            return FAILURE;
        });
        try {
            LogFormat.apply(env.get(LogFormat.VARIABLE));
        } catch (ConfigException e) {
            return configurationError(errWriter, e);
        }
        return commandLine.execute(args);
    }

    private static int configurationError(PrintWriter err, ConfigException e) {
        err.println("configuration error:");
        e.problems().forEach(problem -> err.println("  " + problem));
        return USAGE;
    }

    /**
     * The input policy: an argument with a control character other than newline and tab is refused before anything
     * runs, naming the option it belongs to.
     */
    static String refusedArgument(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String problem = ControlCharacters.problem(args[i]);
            if (problem == null) {
                continue;
            }
            String name = "argument " + (i + 1);
            if (args[i].startsWith("--") && args[i].indexOf('=') > 2) {
                name = args[i].substring(0, args[i].indexOf('='));
            } else if (i > 0 && args[i - 1].startsWith("-") && args[i - 1].indexOf('=') < 0) {
                name = args[i - 1];
            }
            return (ControlCharacters.problem(name) == null ? name : "argument " + (i + 1)) + ": " + problem;
        }
        return null;
    }

    private static String describe(Exception exception) {
        StringBuilder message = new StringBuilder(String.valueOf(exception.getMessage()));
        Throwable cause = exception.getCause();
        while (cause != null && cause != cause.getCause()) {
            if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
                message.append(": ").append(cause.getMessage());
            }
            cause = cause.getCause();
        }
        return message.toString();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"contractgate " + BuildInfo.current().describe()};
        }
    }
}
