package org.casefunds.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import org.casefunds.ledger.formats.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Goal: the holes of a lenient reader are closed at the command line, each refused by its line and
 * field with nothing written: a field written twice, a date written as a number, money dated after
 * today; a line of hundreds of megabytes is refused by its number under the tests' 512 MiB heap (it
 * is never held); a file saved by Windows Notepad (a byte order mark, CRLF) applies; and when the
 * ledger file can be written no further part-way through a file applied in batches (a full disk),
 * apply says how many batches and commands were committed and from which line nothing was, with
 * exit 3, and the same file applies the rest once there is room; on a machine where Zstandard's
 * native library cannot be loaded, reading and writing say so and what to do, and write nothing.
 *
 * <p>Method: the packaged jar runs as a process on temporary files, as {@link LedgerFileIT} does;
 * the full disk is a file-size limit ({@code ulimit -f}) on the process that applies, which SQLite
 * reports as a failed write.
 */
class StrictInputIT {
    @TempDir
    Path folder;

    private Path db;

    private Path write(String name, String... lines) throws IOException {
        return CliProcess.write(folder, name, lines);
    }

    private void init() {
        db = folder.resolve("court.db");
        CliProcess.initCourt(db);
    }

    private JsonNode balances() throws IOException {
        return Json.MAPPER.readTree(CliProcess.run("balances", "--db", db.toString(), "--json").expect(0).out());
    }

    @Test
    void aFieldWrittenTwiceADateAsANumberAndMoneyDatedAfterTodayAreRefusedNamingTheField() throws IOException {
        init();
        String receipt = LedgerFileIT.receipt("SN0001", "100.00", "2025-03-03");
        Path twice = write("twice.jsonl", LedgerFileIT.OPEN_CASE, receipt.replace("\"amount\":\"100.00\",",
                "\"amount\":\"100.00\",\"amount\":\"999999.00\","));
        CliProcess.run("apply", "--db", db.toString(), twice.toString()).expect(2)
                .printed("line 2 (request.amount.amount): is written twice in the same object");
        Path number = write("number.jsonl", LedgerFileIT.OPEN_CASE, receipt.replace("\"2025-03-03\"", "20250303"));
        CliProcess.run("apply", "--db", db.toString(), number.toString()).expect(2)
                .printed("line 2 (date): date '20250303': is a number, not a date");
        Path future = write("future.jsonl", LedgerFileIT.OPEN_CASE, LedgerFileIT.receipt("SN0001", "100.00",
                "2099-03-03"));
        CliProcess.run("apply", "--db", db.toString(), future.toString()).expect(2)
                .printed("line 2 (effectiveDate): effectiveDate '2099-03-03': is after today");
        assertEquals(0, balances().size(), "nothing was applied");
    }

    @Test
    void aFileSavedByNotepadApplies() throws IOException {
        init();
        Path file = folder.resolve("notepad.jsonl");
        Files.writeString(file, "\uFEFF" + LedgerFileIT.OPEN_CASE + "\r\n"
                + LedgerFileIT.receipt("SN0001", "65000.00", "2025-03-03") + "\r\n", StandardCharsets.UTF_8);
        CliProcess.run("apply", "--db", db.toString(), file.toString()).expect(0).printed("applied 2 command(s)");
        assertEquals("65000.00", balances().get(0).get("posted").get("amount").asText());
    }

    @Test
    void aLineOfHundredsOfMegabytesIsRefusedByItsNumberWithoutBeingHeld() throws IOException {
        init();
        Path file = folder.resolve("huge.jsonl");
        long megabytes = 320;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap((LedgerFileIT.OPEN_CASE + "\n{\"key\":\"").getBytes(StandardCharsets.UTF_8)));
            byte[] chunk = new byte[1 << 20];
            Arrays.fill(chunk, (byte) 'x');
            for (long i = 0; i < megabytes; i++) {
                channel.write(ByteBuffer.wrap(chunk));
            }
            channel.write(ByteBuffer.wrap(("\"}\n" + LedgerFileIT.receipt("SN0001", "1.001", "2025-03-03") + "\n")
                    .getBytes(StandardCharsets.UTF_8)));
        }
        // Under the tests' 512 MiB heap: a line held whole would not fit twice over.
        CliProcess.Run run = CliProcess.run("apply", "--db", db.toString(), file.toString()).expect(2)
                .printed("line 2: the line is 335,544,330 characters long; a line holds one command of at most"
                        + " 1,048,576 characters")
                .printed("line 3 (request.amount)");
        assertTrue(!run.err().contains("OutOfMemoryError"), run.err());
        Files.delete(file);
        assertEquals(0, balances().size(), "nothing was applied");
    }

    @Test
    void aLedgerFileThatCanGrowNoMorePartWayThroughBatchesSaysWhatWasCommittedAndWhatNot() throws IOException {
        init();
        // Room for a few batches: the file-size limit holds for the ledger file and its write-ahead log.
        List<String> lines = new ArrayList<>(List.of(LedgerFileIT.OPEN_CASE));
        for (int i = 1; i < 3000; i++) {
            lines.add(LedgerFileIT.receipt(String.format("SN%05d", i), "1.00", "2025-03-03"));
        }
        Path file = write("many.jsonl", lines.toArray(String[]::new));
        long limitKiB = Files.size(db) / 1024 + 512;
        CliProcess.Run run = CliProcess.runWithFileSizeLimit(limitKiB, "apply", "--db", db.toString(),
                "--batch-size", "100", file.toString()).expect(3);
        run.printed("Committed before it, and kept: ").printed("Not applied: ")
                .printed("apply the same file again").complained("casefunds apply: ");
        assertTrue(!run.out().contains("nothing was written"), run.out());
        JsonNode outcome = Json.MAPPER.readTree(CliProcess.runWithFileSizeLimit(limitKiB, "apply", "--db",
                db.toString(), "--batch-size", "100", "--json", file.toString()).expect(3).out());
        JsonNode failure = outcome.get("failure");
        int committed = failure.get("committedCommands").asInt();
        int batches = failure.get("committedBatches").asInt();
        assertTrue(batches > 0 && committed == 100 * batches, outcome.toString());
        assertEquals(3000 - committed, outcome.get("notApplied").asInt(), outcome.toString());
        assertEquals(committed + 1, failure.get("firstLineNotApplied").asInt(), outcome.toString());
        // What it says was committed is in the ledger, and the rest applies once there is room.
        CliProcess.run("apply", "--db", db.toString(), "--batch-size", "100", file.toString()).expect(0)
                .printed(committed + " already applied before");
        CliProcess.run("verify", "--db", db.toString()).expect(0).printed("The ledger verifies.");
    }

    @Test
    void aMachineWhereZstandardCannotBeLoadedSaysWhatToDoAndWritesNothing() throws IOException {
        init();
        List<String> missing = List.of("-DZstdNativePath=" + folder.resolve("missing-libzstd-jni.so"));
        Path receipts = write("receipts.jsonl", LedgerFileIT.OPEN_CASE,
                LedgerFileIT.receipt("SN0001", "100.00", "2025-03-03"));
        for (CliProcess.Run run : List.of(CliProcess.runWithOptions(missing, "verify", "--db", db.toString()),
                CliProcess.runWithOptions(missing, "apply", "--db", db.toString(), receipts.toString()))) {
            run.expect(4).complained("whose native library (zstd-jni) could not be loaded on this machine")
                    .complained("-DZstdTempFolder=FOLDER");
        }
        assertEquals(0, balances().size(), "nothing was applied");
        CliProcess.run("apply", "--db", db.toString(), receipts.toString()).expect(0);
        CliProcess.run("verify", "--db", db.toString()).expect(0).printed("The ledger verifies.");
    }
}
