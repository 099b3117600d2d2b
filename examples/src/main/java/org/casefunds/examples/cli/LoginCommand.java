package org.casefunds.examples.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.casefunds.examples.web.Dashboard;
import org.casefunds.examples.web.Passwords;
import org.casefunds.examples.web.Viewer;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.formats.logins.LoginsFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code casefunds login ...}: who may log in to the dashboard, and the API's tokens. */
@Command(name = "login", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
        description = "The dashboard's logins: a password or an API token for a person of the staff register."
                + " The logins file keeps only their hashes; what a person sees follows the roles they hold.",
        subcommands = {LoginCommand.Password.class, LoginCommand.Token.class, LoginCommand.ListLogins.class})
final class LoginCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What every login command takes: the ledger (to check the person) and the logins file. */
    abstract static class Base implements Callable<Integer> {
        @Mixin
        LedgerOptions ledger;

        @Mixin
        LoginsOption logins;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        Path file() {
            return logins.file(ledger.db);
        }

        /** Checks {@code person} holds a role in the staff register today; returns their id as registered. */
        String registered(String person) {
            try (Ledger opened = ledger.openForReading()) {
                java.time.LocalDate today = java.time.LocalDate.now(Dashboard.BEIJING);
                Optional<Viewer> viewer = Viewer.of(opened.view().staffRegister(), person, today);
                if (viewer.isEmpty()) {
                    throw new Casefunds.BadInput("--person " + person + ": holds no role in the staff register of "
                            + ledger.describe() + " today (" + today + "); only a person who holds a role may"
                            + " log in (see `casefunds report staff`)");
                }
                return viewer.get().person();
            }
        }

        LoginsFile read() throws IOException {
            try {
                return LoginsFile.read(file());
            } catch (IllegalArgumentException e) {
                throw new Casefunds.BadInput(e.getMessage(), e);
            }
        }
    }

    @Command(name = "password", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
            description = "Sets a person's password, read from the terminal (twice) or from the first line of"
                    + " standard input; at least " + Passwords.LENGTH_MIN + " characters.")
    static final class Password extends Base {
        @Option(names = "--person", required = true, paramLabel = "ID", description = "The person's id.")
        String person;

        @Override
        public Integer call() throws IOException {
            String id = registered(person);
            char[] password = readPassword();
            String hash;
            try {
                hash = Passwords.hash(password);
            } catch (IllegalArgumentException e) {
                throw new Casefunds.BadInput("password: " + e.getMessage());
            } finally {
                java.util.Arrays.fill(password, ' ');
            }
            LoginsFile file = read();
            LoginsFile.Login login = file.login(id).map(old -> new LoginsFile.Login(id, Optional.of(hash), old.tokens()))
                    .orElse(new LoginsFile.Login(id, Optional.of(hash), List.of()));
            file.with(login).write(file());
            spec.commandLine().getOut().printf("Password set for %s in %s.%n", id, file());
            return ExitCodes.OK;
        }

        private static char[] readPassword() throws IOException {
            Console console = System.console();
            if (console != null) {
                char[] first = console.readPassword("Password: ");
                char[] second = console.readPassword("Again: ");
                if (first == null || second == null || !java.util.Arrays.equals(first, second)) {
                    throw new Casefunds.BadInput("password: the two passwords differ; nothing was changed");
                }
                return first;
            }
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null) {
                throw new Casefunds.BadInput("password: standard input is empty; give the password on its first line");
            }
            return line.toCharArray();
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
            description = "Issues an API token for a person and prints it once; the file keeps only its hash. A"
                    + " case system sends it as `Authorization: Bearer TOKEN`.")
    static final class Token extends Base {
        @Option(names = "--person", required = true, paramLabel = "ID", description = "The person's id.")
        String person;

        @Option(names = "--name", required = true, paramLabel = "NAME",
                description = "What the token is for, e.g. the case system's name.")
        String name;

        @Override
        public Integer call() throws IOException {
            String id = registered(person);
            if (name.isBlank() || name.length() > 64) {
                throw new Casefunds.BadInput("--name '" + name + "': give a name of 1 to 64 characters");
            }
            LoginsFile file = read();
            LoginsFile.Login old = file.login(id).orElse(new LoginsFile.Login(id, Optional.empty(), List.of()));
            if (old.tokens().stream().anyMatch(token -> token.name().equals(name))) {
                throw new Casefunds.BadInput("--name " + name + ": " + id + " already has a token of that name; choose"
                        + " another name");
            }
            String token = Passwords.newSecret();
            List<LoginsFile.Token> tokens = new ArrayList<>(old.tokens());
            tokens.add(new LoginsFile.Token(name, Passwords.sha256(token), Clock.systemUTC().instant()));
            file.with(new LoginsFile.Login(id, old.passwordHash(), tokens)).write(file());
            spec.commandLine().getOut().println(token);
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
            description = "Lists who has a password and which tokens, never the secrets.")
    static final class ListLogins extends Base {
        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            for (LoginsFile.Login login : read().logins()) {
                out.printf("%s  password %s  tokens: %s%n", login.person(), login.passwordHash().isPresent() ? "set"
                        : "none", login.tokens().stream().map(LoginsFile.Token::name).toList());
            }
            return ExitCodes.OK;
        }
    }
}
