package org.casefunds.examples.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.base.LedgerException;
import org.casefunds.ledger.base.StorageException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code casefunds} command line for auditors and finance officers: create a ledger file, apply
 * commands, import and reconcile bank statements, verify, back up, keep digests of the journal and
 * prove events against them, check double zero, print the courts' reports and balances, export for independent
 * tools, and build a demonstration court.
 */
@Command(name = "casefunds", mixinStandardHelpOptions = true, version = "casefunds 0.1.0",
        description = "Keeps and checks a court's enforcement funds (执行案款) in a ledger file.",
        footer = ExitCodes.HELP,
        subcommands = {InitCommand.class, ApplyCommand.class, ImportStatementCommand.class, ReconcileCommand.class,
            VerifyCommand.class, BackupCommand.class, RebuildCommand.class, DigestCommand.class, KeygenCommand.class, ProveCommand.class, VerifyProofCommand.class,
            DoubleZeroCommand.class, ReportCommand.class, BalancesCommand.class,
            ExportCommand.class, DemoCommand.class, ServeCommand.class, LoginCommand.class, PolicyCommand.class, CalendarCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Casefunds implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its code. */
    public static void main(String[] arguments) {
        System.exit(run(arguments, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
    }

    /** Runs the command line with the given output and error streams; returns the exit code. */
    public static int run(String[] arguments, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new Casefunds());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setAdjustLineBreaksForWideCJKCharacters(true);
        commandLine.setExitCodeExceptionMapper(Casefunds::exitCode);
        commandLine.setExecutionExceptionHandler((exception, line, parsed) -> {
            line.getErr().println("casefunds " + line.getCommandName() + ": " + describe(exception));
            return exitCode(exception);
        });
        commandLine.setParameterExceptionHandler((exception, arguments1) -> {
            CommandLine line = exception.getCommandLine();
            line.getErr().println("casefunds " + line.getCommandName() + ": " + exception.getMessage());
            line.getErr().println("  see: casefunds " + line.getCommandSpec().qualifiedName().replace("casefunds ", "")
                    + " --help");
            return ExitCodes.BAD_INPUT;
        });
        try {
            return commandLine.execute(arguments);
        } catch (OutOfMemoryError exhausted) {
            // What was written is in the ledger file's own transactions; nothing half-done stays.
            err.println("casefunds: the process ran out of memory (at most " + Runtime.getRuntime().maxMemory()
                    / (1024 * 1024) + " MiB); give Java more with -Xmx, or ask for less at a time");
            return ExitCodes.STORAGE;
        } finally {
            // What a command printed without a line break reaches the stream before the exit.
            out.flush();
            err.flush();
        }
    }

    static int exitCode(Throwable exception) {
        if (exception instanceof StorageException && ((StorageException) exception).code() == ErrorCode.NOT_A_LEDGER) {
            // The file given is not a ledger (empty, another application's): a wrong --db, left as it was.
            return ExitCodes.BAD_INPUT;
        }
        if (exception instanceof StorageException) {
            return ExitCodes.STORAGE;
        }
        if (exception instanceof LedgerException || exception instanceof BadInput) {
            return ExitCodes.BAD_INPUT;
        }
        return ExitCodes.INTERNAL;
    }

    private static String describe(Exception exception) {
        if (exception instanceof LedgerException) {
            LedgerException refused = (LedgerException) exception;
            return refused.getMessage() + " [" + refused.code() + "]";
        }
        if (exception instanceof BadInput) {
            return exception.getMessage();
        }
        return exception.getClass().getSimpleName() + ": " + exception.getMessage();
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Input the command could not use (a file, a line, an option), said in a way the user can fix. */
    public static final class BadInput extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public BadInput(String message) {
            super(message);
        }

        public BadInput(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
