package dev.lectern.cli;

import dev.lectern.eval.BeirCommand;
import dev.lectern.eval.EvalChaptersCommand;
import dev.lectern.eval.EvalCommand;
import dev.lectern.migrate.MigrateCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Lectern's entry point. Without arguments (or with {@code serve}) it runs the HTTP service; {@code eval},
 * {@code eval-chapters} and {@code beir} run a measurement and exit; {@code migrate} copies lectures between the embedded store and Qdrant. {@code java -jar quarkus-run.jar help} lists the commands.
 */
@QuarkusMain
public class LecternMain {

    /** The subcommands, for picocli's help and parsing. */
    @Command(
            name = "lectern",
            mixinStandardHelpOptions = true,
            description = "Semantic search over lecture transcripts.",
            subcommands = {
                ServeCommand.class,
                EvalCommand.class,
                EvalChaptersCommand.class,
                BeirCommand.class,
                MigrateCommand.class,
                CommandLine.HelpCommand.class
            })
    static final class Root implements Runnable {
        @Override
        public void run() {
            Quarkus.run();
        }
    }

    public static void main(String... args) {
        if (args.length == 0 || args[0].equals("serve")) {
            // The common case starts Quarkus directly, so a plain 'java -jar' behaves like any Quarkus service.
            Quarkus.run(args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        int exitCode = new CommandLine(new Root()).execute(args);
        System.exit(exitCode);
    }

    @Command(name = "serve", description = "Run the HTTP service (the default).")
    static final class ServeCommand implements Runnable {
        @Override
        public void run() {
            Quarkus.run();
        }
    }
}
