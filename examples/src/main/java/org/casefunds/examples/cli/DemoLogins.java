package org.casefunds.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.casefunds.examples.demo.DemoCourt;
import org.casefunds.examples.web.Passwords;
import org.casefunds.ledger.formats.logins.LoginsFile;

/**
 * The demonstration court's logins: its finance officer, a handler, the division head and its
 * auditor, with passwords everyone can read in the README. Never for a real court.
 */
final class DemoLogins {
    /** Who logs in with which password, and as what. */
    record Demo(String person, String password, String as) {
    }

    static final List<Demo> PEOPLE = List.of(
            new Demo(DemoCourt.FINANCE_PERSON, "demo-finance-2025", "finance (财务)"),
            new Demo(DemoCourt.HANDLER_PERSON, "demo-handler-2025", "a handler (承办人)"),
            new Demo(DemoCourt.HEAD_PERSON, "demo-head-2025", "the division head (部门负责人)"),
            new Demo(DemoCourt.AUDITOR, "demo-auditor-2025", "the auditor (审计)"));

    private DemoLogins() {
    }

    /** Writes the demonstration's logins to {@code file}, replacing it. */
    static void write(Path file) throws IOException {
        LoginsFile logins = LoginsFile.empty();
        for (Demo each : PEOPLE) {
            logins = logins.with(new LoginsFile.Login(each.person(),
                    Optional.of(Passwords.hash(each.password().toCharArray())), List.of()));
        }
        logins.write(file);
    }

    /** Prints the demonstration's logins. */
    static void print(PrintWriter out) {
        out.println("Demonstration logins (user id / password):");
        for (Demo each : PEOPLE) {
            out.printf("  %-12s %-20s %s%n", each.person(), each.password(), each.as());
        }
    }
}
