package dev.contractgate.cli;

import dev.contractgate.Main;
import dev.contractgate.Service;
import dev.contractgate.config.ConfigLoader;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the service: the HTTP server (webhooks, API) and its workers, until stopped (SIGTERM/Ctrl-C).")
final class ServeCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    private final Map<String, String> env;

    @Mixin
    ConfigOption config;

    ServeCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws InterruptedException {
        ConfigLoader.Loaded loaded = config.load(env);
        log.info("configuration from {}:\n{}{}", loaded.file() == null ? "built-in defaults" : loaded.file(),
                new ConfigLoader().describe(loaded.config()), loaded.secrets());
        Service service = Main.start(loaded, Clock.systemUTC());
        // Serving ends only by a signal (SIGTERM, Ctrl-C). Left to itself the JVM would then exit with 128 + the
        // signal's number (143 for SIGTERM) however clean the stop; a stop that closed everything is a success: 0.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping");
            boolean clean = service.stop();
            log.info(clean ? "stopped" : "stopped; something failed to close (see above)");
            Runtime.getRuntime().halt(clean ? Cli.OK : Cli.FAILURE);
        }, "shutdown"));
        new CountDownLatch(1).await();
        return Cli.OK;
    }
}
