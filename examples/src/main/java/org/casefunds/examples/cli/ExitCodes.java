package org.casefunds.examples.cli;

/**
 * The exit codes of every {@code casefunds} command, documented in the README and in {@code --help}.
 */
public final class ExitCodes {
    /** The command did what was asked, and every check it made passed. */
    public static final int OK = 0;
    /** A check failed: the statement does not reconcile, the ledger does not verify, ... */
    public static final int CHECK_FAILED = 1;
    /**
     * Bad input: a malformed file or option, a command the ledger refused, or a file that is not a
     * ledger (empty, or another application's); nothing was written.
     */
    public static final int BAD_INPUT = 2;
    /**
     * The ledger file could not be used: locked, read-only, full, or damaged (restore it from a
     * backup); or memory ran out. {@code apply} says what it committed before (whole batches,
     * counted) and what not.
     */
    public static final int STORAGE = 3;
    /** Something unexpected: a bug; the message and the ledger file help to report it. */
    public static final int INTERNAL = 4;

    private ExitCodes() {
    }

    /** The text of the exit-code section of every command's help. */
    static final String HELP = "%nExit codes: 0 success; 1 a check failed; 2 bad input, a refused command or a"
            + " file that is not a ledger (nothing written); 3 the ledger file could not be used, or memory ran out"
            + " (apply says what it committed); 4 an unexpected error.";
}
