package org.casefunds.ledger.formats.export;

import java.io.IOException;
import java.io.Writer;

/** One export format: writes what an {@link ExportSource} holds as text. */
public interface LedgerExport {
    /**
     * Writes the export to {@code out}, streaming the events; does not close {@code out}.
     *
     * @return what was written, never null
     * @throws IOException if {@code out} fails
     */
    ExportSummary write(ExportSource source, Writer out) throws IOException;
}
