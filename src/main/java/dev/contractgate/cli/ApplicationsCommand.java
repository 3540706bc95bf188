package dev.contractgate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contractgate.Json;
import dev.contractgate.Main;
import dev.contractgate.config.ConfigLoader;
import dev.contractgate.db.Database;
import dev.contractgate.registry.Actor;
import dev.contractgate.registry.ApplicationImporter;
import dev.contractgate.registry.ApplicationNotices;
import dev.contractgate.validation.InvalidInputException;
import dev.contractgate.web.ApplicationLines;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code applications import FILE}: the bulk import of {@code POST /api/applications/import}, straight into the database. */
@Command(name = "applications", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "Work with the registry's applications (import).")
final class ApplicationsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    static CommandLine create(Map<String, String> env, boolean terminal) {
        return new CommandLine(new ApplicationsCommand()).addSubcommand(new Import(env, terminal));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: applications import");
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"File many applications at once, as an operator: JSON Lines (one POST /api/applications body "
                    + "per line) or CSV (a header row of those field names). Prints one JSON result per line to stdout: "
                    + "{\"line\",\"id\",\"outcome\"} (filed, existing, confirmed) or {\"line\",\"errors\"}.",
                    "A line with errors changes nothing; importing the same file again files nothing twice.",
                    "Works on the database directly: give it the same configuration (--config, CONTRACTGATE_DB_URL) as serve.",
                    "Exit code 0 when every line was imported, 1 when some had errors."})
    static final class Import implements Callable<Integer> {
        /** Files larger than this get a progress bar on a terminal. */
        static final int LARGE = 1000;

        private final Map<String, String> env;
        private final boolean terminal;

        @Parameters(paramLabel = "FILE", description = "the file: .csv is read as CSV, anything else as JSON Lines")
        Path file;

        @Option(names = "--format", paramLabel = "jsonl|csv", description = "the file's format, when its name does not say")
        String format;

        @Option(names = "--charset", paramLabel = "CHARSET", defaultValue = "UTF-8",
                description = "the file's text encoding (default: ${DEFAULT-VALUE}; e.g. Shift_JIS for an older Excel export)")
        String charset;

        @Option(names = "--notify", description = "tell the rooms of the imported applications (room notices); default: none")
        boolean notify;

        @Option(names = "--progress", description = "show a progress bar on stderr even when it is not a terminal")
        boolean progress;

        @Mixin
        ConfigOption config;

        @Spec
        CommandSpec spec;

        Import(Map<String, String> env, boolean terminal) {
            this.env = env;
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            ApplicationLines.Format fileFormat = format(spec);
            Charset encoding = charset(spec);
            byte[] body;
            try {
                body = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            ObjectMapper json = Json.create();
            List<ApplicationImporter.Line> lines;
            try {
                lines = new ApplicationLines(json).read(body, encoding, fileFormat);
            } catch (InvalidInputException e) {
                PrintWriter err = spec.commandLine().getErr();
                err.println(file + ": " + e.getMessage());
                return Cli.FAILURE;
            }
            ConfigLoader.Loaded loaded = config.load(env);
            List<ApplicationImporter.Result> results;
            ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), lines.size(),
                    progress || (terminal && lines.size() > LARGE));
            try (Database database = Main.openDatabase(loaded.config(), loaded.secrets())) {
                results = new ApplicationImporter(database.jdbi(), Main.channelIds(), Clock.systemUTC(),
                        notify ? Main.offlineNotices(loaded, database, Clock.systemUTC()) : ApplicationNotices.NONE)
                        .importLines(Actor.operator("command line"), lines, notify, ApplicationImporter.CHUNK, bar);
            } finally {
                bar.finish();
            }
            PrintWriter out = spec.commandLine().getOut();
            try {
                for (ApplicationImporter.Result result : results) {
                    out.println(json.writeValueAsString(result));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.flush();
            long failed = results.stream().filter(result -> !result.ok()).count();
            spec.commandLine().getErr().println(file + ": " + summary(results) + (failed == 0 ? ""
                    : "; the lines with errors changed nothing: fix them and import the file again"));
            return failed == 0 ? Cli.OK : Cli.FAILURE;
        }

        private static String summary(List<ApplicationImporter.Result> results) {
            long filed = results.stream().filter(result -> "filed".equals(result.outcome())).count();
            long existing = results.stream().filter(result -> "existing".equals(result.outcome())).count();
            long confirmed = results.stream().filter(result -> "confirmed".equals(result.outcome())).count();
            long failed = results.stream().filter(result -> !result.ok()).count();
            return results.size() + " line(s): " + filed + " filed, " + confirmed + " claim(s) confirmed, " + existing
                    + " already there, " + failed + " with errors";
        }

        private ApplicationLines.Format format(CommandSpec spec) {
            if (format == null) {
                return ApplicationLines.Format.ofFileName(file.getFileName().toString());
            }
            return switch (format) {
                case "jsonl" -> ApplicationLines.Format.JSON_LINES;
                case "csv" -> ApplicationLines.Format.CSV;
                default -> throw new CommandLine.ParameterException(spec.commandLine(),
                        "--format must be jsonl or csv, got '" + format + "'");
            };
        }

        private Charset charset(CommandSpec spec) {
            try {
                return Charset.forName(charset);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--charset: unknown charset '" + charset + "'");
            }
        }
    }

    /** A one-line bar on stderr, redrawn in place: {@code [#########...........]  4500/10000 lines}. */
    static final class ProgressBar implements IntConsumer {
        private static final int WIDTH = 30;
        private final PrintWriter err;
        private final int total;
        private final boolean shown;

        ProgressBar(PrintWriter err, int total, boolean shown) {
            this.err = err;
            this.total = total;
            this.shown = shown;
        }

        @Override
        public void accept(int done) {
            if (!shown || total == 0) {
                return;
            }
            int filled = (int) ((long) WIDTH * done / total);
            err.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total + " lines");
            err.flush();
        }

        void finish() {
            if (shown && total > 0) {
                err.println();
            }
        }
    }
}
