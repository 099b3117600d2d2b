package org.casefunds.ledger.sql;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.base.ErrorCode;
import org.casefunds.ledger.commands.Command;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.testing.Fixtures;
import org.casefunds.ledger.testing.TwoWriterHarness;
import org.casefunds.ledger.testing.TwoWriterScript;

/**
 * Writer B of a two-writer script in a process of its own, on the same SQLite file as writer A in
 * the test's process. Given the script, it makes the same commands as the test ({@link
 * TwoWriterScript} depends on the script alone), and runs those it is told to, one line at a time
 * on standard input:
 *
 * <ul>
 *   <li>{@code OPEN <file> <script>}: open the ledger file for a new script (steps separated by
 *       ';', numbers by ','); answers {@code OPENED <steps>}</li>
 *   <li>{@code EXEC <step>}: run that step's command; answers {@code RESULT <kind> <sequence> <hash>
 *       <refusal> <message> <key>}</li>
 *   <li>{@code BATCH <step>}: run that step's batch; answers as {@code EXEC}, with the key of the
 *       batch's first command</li>
 *   <li>{@code SEEN <epoch day> <more|reread>}: what its store sees; answers {@code SEEN <state>
 *       <journal> <breach>}</li>
 *   <li>{@code CLOSE}: close the ledger; answers {@code CLOSED}</li>
 * </ul>
 *
 * Texts travel in Base64, "-" standing for none; a failure answers {@code ERROR <stack trace>}.
 * It ends when its standard input does.
 */
public final class TwoWriterProcess {
    private TwoWriterProcess() {
    }

    public static void main(String[] arguments) throws IOException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        SqlJournalStore store = null;
        Ledger ledger = null;
        List<TwoWriterScript.Step> steps = List.of();
        TwoWriterHarness.Journal journal = new TwoWriterHarness.Journal();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] words = line.split(" ");
            try {
                switch (words[0]) {
                    case "OPEN":
                        if (ledger != null) {
                            ledger.close();
                        }
                        store = TwoWritersSqlitePropertyTest.store(Path.of(words[1]));
                        ledger = Ledger.open(store, Policy.defaults(), Fixtures.CLOCK);
                        steps = TwoWriterScript.steps(parse(words[2]));
                        journal = new TwoWriterHarness.Journal();
                        out.println("OPENED " + steps.size());
                        break;
                    case "EXEC":
                        Command command = steps.get(Integer.parseInt(words[1])).command();
                        TwoWriterHarness.Result result = TwoWriterHarness.execute(ledger, command);
                        out.println("RESULT " + result.kind() + " " + result.sequence() + " " + text(result.hash()) + " "
                                + (result.refusal() == null ? "-" : result.refusal().name()) + " "
                                + text(result.message()) + " " + text(command.idempotencyKey()));
                        break;
                    case "BATCH":
                        List<Command> batch = steps.get(Integer.parseInt(words[1])).batch();
                        TwoWriterHarness.Result batchResult = TwoWriterHarness.executeAll(ledger, batch);
                        out.println("RESULT " + batchResult.kind() + " " + batchResult.sequence() + " "
                                + text(batchResult.hash()) + " "
                                + (batchResult.refusal() == null ? "-" : batchResult.refusal().name()) + " "
                                + text(batchResult.message()) + " " + text(batch.get(0).idempotencyKey()));
                        break;
                    case "SEEN":
                        TwoWriterHarness.Seen seen = journal.seen(store, LocalDate.ofEpochDay(Long.parseLong(words[1])),
                                words[2].equals("reread"));
                        out.println("SEEN " + text(seen.state()) + " " + text(seen.journal()) + " " + text(seen.breach()));
                        break;
                    case "CLOSE":
                        if (ledger != null) {
                            ledger.close();
                            ledger = null;
                        }
                        out.println("CLOSED");
                        break;
                    default:
                        throw new IllegalArgumentException("unknown request " + line);
                }
            } catch (RuntimeException | Error e) {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                out.println("ERROR " + text(trace.toString()));
            }
        }
        if (ledger != null) {
            ledger.close();
        }
    }

    /** A script as one word: steps separated by ';', numbers by ','. */
    static String word(List<List<Integer>> script) {
        List<String> steps = new ArrayList<>();
        for (List<Integer> step : script) {
            steps.add(String.join(",", step.stream().map(String::valueOf).toArray(String[]::new)));
        }
        return String.join(";", steps);
    }

    private static List<List<Integer>> parse(String word) {
        List<List<Integer>> script = new ArrayList<>();
        for (String step : word.split(";")) {
            List<Integer> numbers = new ArrayList<>();
            for (String number : step.split(",")) {
                numbers.add(Integer.valueOf(number));
            }
            script.add(numbers);
        }
        return script;
    }

    private static String text(String value) {
        return value == null || value.isEmpty() ? "-"
                : Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String untext(String word) {
        return word.equals("-") ? null : new String(Base64.getDecoder().decode(word), StandardCharsets.UTF_8);
    }

    /** The test's side: a writer B in a child JVM, serving one script after another. */
    static final class Child {
        private final Process process;
        private final BufferedReader answers;
        private final PrintStream requests;

        /** Starts the child JVM with this test's class path. */
        Child() throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    TwoWriterProcess.class.getName()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            requests = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        }

        /** Writer B of {@code script} on {@code file}, whose ledger writer A has created. */
        TwoWriterHarness.Writer writer(Path file, List<List<Integer>> script) {
            ask("OPEN " + file + " " + word(script), "OPENED");
            return new TwoWriterHarness.Writer() {
                @Override
                public TwoWriterHarness.Result execute(int index, Command command) {
                    return result(ask("EXEC " + index, "RESULT"), index, command);
                }

                @Override
                public TwoWriterHarness.Result executeAll(int index, List<Command> commands) {
                    return result(ask("BATCH " + index, "RESULT"), index, commands.get(0));
                }

                private TwoWriterHarness.Result result(String[] words, int index, Command command) {
                    String key = untext(words[6]);
                    if (!command.idempotencyKey().equals(key)) {
                        throw new AssertionError("the other process ran " + key + " as step " + index + ", not "
                                + command.idempotencyKey());
                    }
                    String refusal = words[4];
                    String message = untext(words[5]);
                    return new TwoWriterHarness.Result(TwoWriterHarness.Kind.valueOf(words[1]), Long.parseLong(words[2]),
                            words[3].equals("-") ? "" : untext(words[3]),
                            refusal.equals("-") ? null : ErrorCode.valueOf(refusal), message == null ? "" : message);
                }

                @Override
                public TwoWriterHarness.Seen seen(LocalDate pastDate, boolean reread) {
                    String[] words = ask("SEEN " + pastDate.toEpochDay() + (reread ? " reread" : " more"), "SEEN");
                    return new TwoWriterHarness.Seen(untext(words[1]), untext(words[2]), null, untext(words[3]));
                }

                @Override
                public void close() {
                    ask("CLOSE", "CLOSED");
                }
            };
        }

        private String[] ask(String request, String answer) {
            requests.println(request);
            String line;
            try {
                line = answers.readLine();
            } catch (IOException e) {
                throw new AssertionError("the other process did not answer " + request, e);
            }
            if (line == null) {
                throw new AssertionError("the other process ended before answering " + request);
            }
            String[] words = line.split(" ");
            if (words[0].equals("ERROR")) {
                throw new AssertionError("the other process failed on " + request + ":\n" + untext(words[1]));
            }
            if (!words[0].equals(answer)) {
                throw new AssertionError("the other process answered " + line + " to " + request);
            }
            return words;
        }

        /** Ends the child: its standard input ends, and it with it. */
        void close() throws InterruptedException {
            requests.close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
