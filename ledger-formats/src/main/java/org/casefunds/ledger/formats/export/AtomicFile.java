package org.casefunds.ledger.formats.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.UUID;

/**
 * Writes a file all or nothing: the text goes to a hidden temporary file beside the target, which
 * is forced to disk and then renamed over the target. A reader of the target sees the old file or
 * the complete new one, never a half-written one; if writing fails, the temporary file is deleted
 * and the target is left as it was. Only a killed process can leave a temporary file behind,
 * named {@code .<target name>.<random>.part}.
 */
public final class AtomicFile {
    /** Characters buffered before they go to the file. */
    private static final int BUFFER_CHARS = 1 << 16;

    private AtomicFile() {
    }

    /** The text written into the file. */
    @FunctionalInterface
    public interface Body<T> {
        /** Writes the whole text to {@code out}; must not close it. */
        T write(Writer out) throws IOException;
    }

    /**
     * Writes {@code target} in UTF-8 with what {@code body} writes, replacing the file if it exists.
     * The target's folder must exist.
     *
     * @return what {@code body} returned
     * @throws IOException if the file cannot be written; the target is unchanged
     */
    public static <T> T write(Path target, Body<T> body) throws IOException {
        Objects.requireNonNull(body, "body");
        Path absolute = target.toAbsolutePath();
        Path temporary = absolute.resolveSibling("." + absolute.getFileName() + "." + UUID.randomUUID() + ".part");
        try {
            T result = writeTemporary(temporary, body);
            move(temporary, absolute);
            return result;
        } catch (IOException | RuntimeException | Error failure) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
    }

    private static <T> T writeTemporary(Path temporary, Body<T> body) throws IOException {
        // A character UTF-8 cannot encode (a lone surrogate) fails the export rather than turning into '?'.
        var encoder = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
                Writer out = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel), encoder),
                        BUFFER_CHARS)) {
            T result = body.write(out);
            out.flush();
            // On disk before the rename, so that a power cut cannot leave a renamed but empty file.
            channel.force(true);
            return result;
        }
    }

    private static void move(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException notAtomic) {
            // Same folder, so this happens only on unusual file systems; replacing is the best they offer.
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
