package org.casefunds.examples.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the dashboard's logins are kept: {@code --logins FILE}, by default beside a ledger file. */
final class LoginsOption {
    @Option(names = "--logins", paramLabel = "FILE",
            description = "The logins file (password and token hashes). Default: the ledger file's name with"
                    + " .logins added; required with a database URL.")
    Path logins;

    /** The logins file for the ledger at {@code db} (a file path or a database URL). */
    Path file(String db) {
        if (logins != null) {
            return logins;
        }
        if (db.startsWith("jdbc:")) {
            throw new Casefunds.BadInput("--logins: a ledger in a database keeps no file beside it; name the logins"
                    + " file with --logins FILE");
        }
        return Path.of(db + ".logins");
    }
}
