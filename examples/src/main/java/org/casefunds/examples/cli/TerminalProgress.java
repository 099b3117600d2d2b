package org.casefunds.examples.cli;

import java.io.IOException;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;

/**
 * A progress bar for long work, drawn on standard error only when standard error is a terminal a
 * person watches. Anywhere else (a pipe, a file, a test capturing the output) it draws nothing at
 * all, so standard output, {@code --json} and a log of standard error never hold a bar. Its
 * methods may be called either way; closing it finishes the bar.
 */
final class TerminalProgress implements AutoCloseable {
    /** Below this many steps of known work a bar would only flicker: none is drawn. */
    static final long SMALL_WORK = 1_000;

    private static Boolean errorIsTerminal;

    /** The bar, or null when none is drawn. */
    private final ProgressBar bar;

    private TerminalProgress(ProgressBar bar) {
        this.bar = bar;
    }

    /** A progress that draws nothing. */
    static TerminalProgress none() {
        return new TerminalProgress(null);
    }

    /**
     * A bar named {@code task} counting {@code unit}s up to {@code total}, when standard error is a
     * terminal and the work is not small (fewer than {@value #SMALL_WORK} steps); a bar without an
     * end when {@code total} is not known (negative).
     */
    static TerminalProgress startIfLong(String task, String unit, long total) {
        return total >= 0 && total < SMALL_WORK ? none() : start(task, unit, total);
    }

    /**
     * A bar named {@code task} counting {@code unit}s up to {@code total} (without an end when it
     * is negative, not known), when standard error is a terminal, however small the work.
     */
    static TerminalProgress start(String task, String unit, long total) {
        if (!errorIsTerminal()) {
            return none();
        }
        return new TerminalProgress(new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setUnit(" " + unit, 1).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build());
    }

    /** {@code done} units of the work are done. */
    void stepTo(long done) {
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    /** {@code units} more units are done. */
    void stepBy(long units) {
        if (bar != null) {
            bar.stepBy(units);
        }
    }

    /**
     * The work starts again from nothing as its next stage, named {@code stage} after the task: the
     * audit reads the journal a second time, reconcile goes from the statement to the ledger.
     */
    void nextStage(String stage) {
        if (bar != null) {
            bar.reset();
            bar.setExtraMessage(stage);
        }
    }

    /** Names the stage of the work after the task, without starting again. */
    void stage(String stage) {
        if (bar != null) {
            bar.setExtraMessage(stage);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }

    /**
     * Whether standard error is a terminal, as JLine (which the progress bar draws with) tells by
     * asking the system; where it cannot ask, whether the process has a console at all.
     */
    private static synchronized boolean errorIsTerminal() {
        if (errorIsTerminal == null) {
            boolean terminal;
            try {
                terminal = TerminalProvider.load("exec").isSystemStream(SystemStream.Error);
            } catch (IOException | RuntimeException | LinkageError cannotAsk) {
                terminal = System.console() != null;
            }
            errorIsTerminal = terminal;
        }
        return errorIsTerminal;
    }
}
