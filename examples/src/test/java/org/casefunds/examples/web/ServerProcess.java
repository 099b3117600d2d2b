package org.casefunds.examples.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.casefunds.examples.cli.CliProcess;

/**
 * {@code casefunds serve ... --port 0} from the packaged jar, running in the background as a court
 * runs it: started, waited for (when first asked for its address) until it prints the address it
 * listens on, and stopped (as by
 * Ctrl-C, then killed if it does not stop) when the test is done. What it prints on standard error
 * is kept, so a test can show that no request made it fail.
 */
final class ServerProcess implements AutoCloseable {
    /** How long the server may take to start: the JVM, the ledger opened once, Jetty. */
    private static final long START_SECONDS = 90;
    private static final Pattern SERVING = Pattern.compile("^Serving .* at (http://127\\.0\\.0\\.1:\\d+/) ");

    private final Process process;
    private final CompletableFuture<URI> address = new CompletableFuture<>();
    private final Path errors;
    private final StringBuilder printed = new StringBuilder();

    private ServerProcess(Process process, Path errors) {
        this.process = process;
        this.errors = errors;
        Thread reader = new Thread(this::readOutput, "casefunds serve stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code casefunds serve options... --port 0} ({@code arguments} begin with {@code serve});
     * it starts while the test goes on, and the first {@link #base()} waits until it listens.
     */
    static ServerProcess start(String... arguments) {
        if (arguments.length == 0 || !arguments[0].equals("serve")) {
            throw new IllegalArgumentException("casefunds serve ...: " + List.of(arguments));
        }
        List<String> all = new java.util.ArrayList<>(List.of(arguments));
        all.addAll(List.of("--port", "0"));
        try {
            Path errors = Files.createTempFile("casefunds-serve-err", ".txt");
            Process process = new ProcessBuilder(CliProcess.command(List.of(), all.toArray(String[]::new)))
                    .redirectError(errors.toFile()).start();
            return new ServerProcess(process, errors);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readOutput() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                synchronized (printed) {
                    printed.append(line).append('\n');
                }
                Matcher serving = SERVING.matcher(line);
                if (serving.find()) {
                    address.complete(URI.create(serving.group(1)));
                }
            }
            address.completeExceptionally(new IllegalStateException("casefunds serve ended, exit code "
                    + process.waitFor()));
        } catch (IOException | InterruptedException e) {
            address.completeExceptionally(e);
        }
    }

    /** The address the server listens on, ending in {@code /}, once it listens. */
    URI base() {
        try {
            return address.get(START_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            process.destroyForcibly();
            throw new AssertionError("casefunds serve printed no address within " + START_SECONDS + " s\n--- stdout\n"
                    + printed() + "\n--- stderr\n" + errors(), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** {@code pathAndQuery} (starting with {@code /}, already encoded) on the server. */
    URI uri(String pathAndQuery) {
        return base().resolve(pathAndQuery);
    }

    /** What the server printed on standard output so far. */
    String printed() {
        synchronized (printed) {
            return printed.toString();
        }
    }

    /** What the server printed on standard error so far. */
    String errors() {
        try {
            return Files.readString(errors, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + errors + ": " + e.getMessage() + ")";
        }
    }

    /** Stops the server as Ctrl-C does, or kills it when it does not stop within 20 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            try {
                Files.deleteIfExists(errors);
            } catch (IOException ignored) {
                // A temporary file left behind.
            }
        }
    }
}
