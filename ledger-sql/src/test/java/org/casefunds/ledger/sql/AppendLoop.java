package org.casefunds.ledger.sql;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.casefunds.ledger.BatchResult;
import org.casefunds.ledger.Ledger;
import org.casefunds.ledger.base.InsufficientFundsException;
import org.casefunds.ledger.commands.Command;
import org.casefunds.ledger.commands.IssuePayoutNotice;
import org.casefunds.ledger.commands.RecordReceipt;
import org.casefunds.ledger.events.Payer;
import org.casefunds.ledger.events.ReceiptSource;
import org.casefunds.ledger.policy.Policy;
import org.casefunds.ledger.testing.Fixtures;

/**
 * A process that appends to a ledger file in a loop, for the concurrency and crash tests. It writes
 * {@code ACK <key>} on standard output after each batch is committed, and only then: whatever it
 * acknowledged must survive anything that happens to it afterwards.
 *
 * <p>Arguments: the ledger file, a prefix for its own keys, the number of batches, the commands per
 * batch, and "shared" to also send commands whose keys every process uses (the same commands, so
 * each must be applied once whoever sends it first).
 *
 * <p>With "threads" as the last argument, the third and fourth are the commands per thread and the
 * number of threads instead: each thread sends single commands to the one ledger ({@link
 * Ledger#execute}), a receipt under its own key and now and then a payout notice that overdraws
 * case 1, and writes {@code ACK <key>} after a receipt's execute returns, {@code REFUSED <key>}
 * after a notice is refused, {@code FAILED <key> <reason>} if anything else happens.
 */
public final class AppendLoop {
    private AppendLoop() {
    }

    public static void main(String[] arguments) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Path file = Path.of(arguments[0]);
        String prefix = arguments[1];
        int batches = Integer.parseInt(arguments[2]);
        int perBatch = Integer.parseInt(arguments[3]);
        boolean shared = arguments.length > 4 && arguments[4].equals("shared");
        SqliteOptions options = SqliteOptions.defaults().withBusyTimeout(Duration.ofSeconds(60));
        if (arguments.length > 4 && arguments[4].equals("threads")) {
            threads(out, file, prefix, batches, perBatch, options);
            return;
        }
        try (Ledger ledger = Ledger.open(SqlLedger.sqlite(file, options), Policy.defaults(), Clock.systemUTC())) {
            for (int batch = 0; batch < batches; batch++) {
                List<Command> commands = new ArrayList<>();
                for (int i = 0; i < perBatch; i++) {
                    String key = shared && i % 2 == 0 ? "shared-" + batch + "-" + i : prefix + "-" + batch + "-" + i;
                    commands.add(receipt(key));
                }
                BatchResult result = ledger.executeAll(commands);
                if (!result.applied()) {
                    throw new IllegalStateException("refused: " + result.refusal().get().reason().getMessage());
                }
                for (Command command : commands) {
                    out.println("ACK " + command.idempotencyKey());
                }
            }
        }
        out.println("DONE");
    }

    /** {@code threads} threads each executing {@code perThread} single commands on one ledger. */
    private static void threads(PrintStream out, Path file, String prefix, int perThread, int threads,
            SqliteOptions options) {
        try (Ledger ledger = Ledger.open(SqlLedger.sqlite(file, options), Policy.defaults(), Clock.systemUTC())) {
            List<Thread> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String own = prefix + "-" + t + "-";
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < perThread; i++) {
                        String key = own + i;
                        boolean overdraw = i % 4 == 3;
                        try {
                            ledger.execute(overdraw ? overdraw(key) : receipt(key));
                            out.println(overdraw ? "FAILED " + key + " an overdrawing notice was applied" : "ACK " + key);
                        } catch (InsufficientFundsException refusal) {
                            out.println(overdraw ? "REFUSED " + key : "FAILED " + key + " " + refusal.getMessage());
                        } catch (RuntimeException e) {
                            out.println("FAILED " + key + " " + e);
                        }
                    }
                });
                running.add(thread);
                thread.start();
            }
            for (Thread thread : running) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        out.println("DONE");
    }

    /** A payout notice from case 1 of far more than it ever holds: always refused. */
    static Command overdraw(String key) {
        return Command.of(key, Fixtures.HANDLER, Fixtures.DAY_ONE.plusDays(1),
                IssuePayoutNotice.of(Fixtures.caseNumber(1), Fixtures.creditorAccount(1), Fixtures.cny("1000000.00")))
                .approvedBy(Fixtures.BY_HEAD, Fixtures.BY_DIRECTOR, Fixtures.BY_LEADER);
    }

    /** A receipt of 1.00 whose serial number is its key: the same key always makes the same command. */
    static Command receipt(String key) {
        return Command.of(key, Fixtures.ADMINISTRATOR, Fixtures.DAY_ONE.plusDays(1), RecordReceipt.of(Fixtures.BANK, key,
                Fixtures.cny("1.00"), Payer.of("付款人", null, null), "还款", ReceiptSource.DEBTOR_PAYMENT,
                Fixtures.subAccount(1)));
    }
}
