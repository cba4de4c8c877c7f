package org.vitrine.generator.cli;

import org.vitrine.core.content.CollectionLoader;
import org.vitrine.generator.site.Aside;
import picocli.CommandLine;

import java.io.PrintWriter;
import picocli.CommandLine.Command;

/**
 * The {@code vitrine} command: {@code build}, {@code check} and {@code serve} a collection.
 */
// Inherited, so every subcommand takes --help (and --version) too: "vitrine build --help".
@Command(name = "vitrine", mixinStandardHelpOptions = true, versionProvider = Vitrine.Version.class, scope = CommandLine.ScopeType.INHERIT,
        description = "Curate HDF5 datasets and publish them as a static site with a data API.",
        subcommands = {BuildCommand.class, CheckCommand.class, ServeCommand.class, DemoDataCommand.class,
                CommandLine.HelpCommand.class})
public final class Vitrine {

    public static void main(String[] args) {
        // Making the command line takes a new JVM a fifth of a second on one core (picocli reads
        // every command's annotations, with classes the class-data archive cannot hold: they are
        // Java 5 class files), and setting up the content readers about as long: they are set up
        // meanwhile on the other core. The command runs once both are done, so no class is ever
        // set up by two threads at once.
        Aside<Void> readers = Aside.start("vitrine-prepare", () -> {
            CollectionLoader.prepare();
            return null;
        });
        CommandLine commandLine = commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        readers.join();
        System.exit(commandLine.execute(args));
    }

    /**
     * Runs the command line with its output and errors going to the given writers; returns its
     * exit code (0 success, 1 content errors, 2 usage).
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return commandLine(out, err).execute(args);
    }

    private static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return new CommandLine(new Vitrine())
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("vitrine: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
                    // Users get one line; VITRINE_DEBUG=1 shows where it came from.
                    if (System.getenv("VITRINE_DEBUG") != null) {
                        e.printStackTrace(cmd.getErr());
                    }
                    return 3;
                });
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Vitrine.class.getPackage().getImplementationVersion();
            return new String[]{"vitrine " + (v == null ? "development" : v)};
        }
    }
}
