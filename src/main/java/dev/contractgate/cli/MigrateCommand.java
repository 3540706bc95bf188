package dev.contractgate.cli;

import dev.contractgate.Main;
import dev.contractgate.config.ConfigLoader;
import dev.contractgate.db.Database;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Apply pending database migrations and exit (serve also applies them on start).")
final class MigrateCommand implements Callable<Integer> {
    private final Map<String, String> env;

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    MigrateCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        ConfigLoader.Loaded loaded = config.load(env);
        try (Database database = Main.openDatabase(loaded.config(), loaded.secrets())) {
            spec.commandLine().getOut().println("database " + Database.redactUrl(loaded.config().database().url())
                    + " is up to date");
        }
        return Cli.OK;
    }
}
