package dev.contractgate.cli;

import dev.contractgate.demo.Demo;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Play a scripted Japanese conversation through the real pipeline (in-memory database, in-process "
                + "stand-in for Chatwork, Teams or LINE) and print it with the bot's replies. Start here.")
final class DemoCommand implements Callable<Integer> {
    private final PrintStream out;

    @Mixin
    ConfigOption config;

    @Option(names = "--lang", paramLabel = "LANG", defaultValue = "ja", description = "language of the bot's replies: ja or en (default: ${DEFAULT-VALUE})")
    String language;

    @Option(names = "--channel", paramLabel = "CHANNEL", defaultValue = "chatwork",
            description = "the chat service to play it on: chatwork, msteams or line (default: ${DEFAULT-VALUE})")
    String channel;

    @Option(names = "--verbose", description = "show the service's whole log on stderr (otherwise only its errors)")
    boolean verbose;

    DemoCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        if (!"ja".equals(language) && !"en".equals(language)) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--lang: must be ja or en, got '" + language + "'");
        }
        if (!Demo.CHANNELS.contains(channel)) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--channel: must be one of "
                    + String.join(", ", Demo.CHANNELS) + ", got '" + channel + "'");
        }
        if (!verbose) {
            // The demo's own set-up (a channel left off, a dry run) is not news to whoever runs it: errors only.
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                    .setLevel(ch.qos.logback.classic.Level.ERROR);
        }
        Demo.run(out, language, channel, config.file);
        return Cli.OK;
    }
}
