package org.casefunds.ledger.formats.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Goal: an export is all or nothing: the target holds the old file or the complete new one, and a
 * failed write leaves no temporary file behind.
 *
 * <p>Method: bodies that succeed, and bodies that fail with an I/O error or a refusal after having
 * written part of the text, over a target that exists and one that does not.
 */
class AtomicFileTest {
    @TempDir
    Path folder;

    private List<Path> files() throws IOException {
        try (Stream<Path> listed = Files.list(folder)) {
            return listed.sorted().toList();
        }
    }

    @Test
    void aCompleteWriteReplacesTheTarget() throws IOException {
        Path target = folder.resolve("ledger.journal");
        Files.writeString(target, "old\n", StandardCharsets.UTF_8);
        String returned = AtomicFile.write(target, out -> {
            out.write("新的 journal\n");
            return "done";
        });
        assertEquals("done", returned);
        assertEquals("新的 journal\n", Files.readString(target, StandardCharsets.UTF_8));
        assertEquals(List.of(target), files(), "no temporary file left");
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path target = folder.resolve("ledger.csv");
        Files.writeString(target, "old\n", StandardCharsets.UTF_8);
        IOException full = new IOException("No space left on device");
        IOException thrown = assertThrows(IOException.class, () -> AtomicFile.write(target, out -> {
            out.write("half of the export");
            out.flush();
            throw full;
        }));
        assertSame(full, thrown);
        assertEquals("old\n", Files.readString(target, StandardCharsets.UTF_8));
        assertEquals(List.of(target), files(), "no temporary file left");
    }

    @Test
    void aRefusalDuringTheWriteLeavesNoFileAtAll() throws IOException {
        Path target = folder.resolve("ledger.json");
        assertThrows(IllegalStateException.class, () -> AtomicFile.write(target, out -> {
            out.write("[");
            throw new IllegalStateException("the ledger changed during the export");
        }));
        assertFalse(Files.exists(target));
        assertEquals(List.of(), files());
    }
}
