package dev.contractgate.cli;

import dev.contractgate.config.ConfigException;
import dev.contractgate.config.ConfigLoader;
import dev.contractgate.teams.TeamsManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "teams", mixinStandardHelpOptions = true, description = "Microsoft Teams: the app package.",
        synopsisSubcommandLabel = "COMMAND")
final class TeamsCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    static CommandLine create(Map<String, String> env) {
        return new CommandLine(new TeamsCommand()).addSubcommand(new Manifest(env));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: teams manifest");
    }

    @Command(name = "manifest", mixinStandardHelpOptions = true,
            description = {"Write the Teams app package (manifest.json and its two icons, zipped) for the configured "
                    + "MSTEAMS_APP_ID: sideload it in Teams, or upload it in the Teams admin center.",
                    "It asks for resource-specific consent to read every message of the chats and channels the bot is added to."})
    static final class Manifest implements Callable<Integer> {
        private final Map<String, String> env;

        @Option(names = "--out", required = true, paramLabel = "FILE.zip", description = "where to write the package")
        Path out;

        @Option(names = "--website-url", paramLabel = "URL", defaultValue = "https://example.com/contractgate",
                description = "the developer's website, shown in Teams (default: ${DEFAULT-VALUE})")
        String website;

        @Option(names = "--privacy-url", paramLabel = "URL", defaultValue = "https://example.com/contractgate/privacy",
                description = "the privacy statement (default: ${DEFAULT-VALUE})")
        String privacy;

        @Option(names = "--terms-url", paramLabel = "URL", defaultValue = "https://example.com/contractgate/terms",
                description = "the terms of use (default: ${DEFAULT-VALUE})")
        String terms;

        @Mixin
        ConfigOption config;

        @Spec
        CommandLine.Model.CommandSpec spec;

        Manifest(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            for (String[] url : new String[][] {{"--website-url", website}, {"--privacy-url", privacy}, {"--terms-url", terms}}) {
                if (!url[1].startsWith("https://") || url[1].length() < 12 || url[1].chars().anyMatch(c -> c <= 0x20)) {
                    throw new CommandLine.ParameterException(spec.commandLine(), url[0] + " must be an https URL, got '" + url[1] + "'");
                }
            }
            ConfigLoader.Loaded loaded = config.load(env);
            String appId = loaded.config().msteams().appId();
            if (appId == null) {
                throw new ConfigException("msteams.app_id: is not set; set MSTEAMS_APP_ID to the bot's Microsoft App ID");
            }
            String name = loaded.config().msteams().botName() == null ? "ContractGate" : loaded.config().msteams().botName();
            String version = Cli.class.getPackage().getImplementationVersion();
            try {
                TeamsManifest.write(out, appId, name, manifestVersion(version), new TeamsManifest.Links(website, privacy, terms));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
            }
            spec.commandLine().getOut().println("wrote the Teams app package for app " + appId + " to " + out);
            return Cli.OK;
        }

        /** Teams wants a plain x.y.z version. */
        static String manifestVersion(String version) {
            if (version == null) {
                return "1.0.0";
            }
            String plain = version.replaceFirst("-.*$", "");
            return plain.matches("\\d+\\.\\d+\\.\\d+") ? plain : "1.0.0";
        }
    }
}
