package org.casefunds.examples.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.casefunds.ledger.formats.tables.ReportTable;
import org.casefunds.ledger.formats.xlsx.ReportWorkbook;

/** The reports' Excel downloads: a report's tables on one sheet, its digest lines under them. */
final class Spreadsheets {
    private Spreadsheets() {
    }

    /** The .xlsx bytes of a report named {@code name}, titled {@code title}: {@code tables} then {@code footer}. */
    static byte[] workbook(String name, String title, List<ReportTable> tables, List<String> footer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ReportWorkbook.titled(title).sheet(name, tables, footer).write(bytes);
        return bytes.toByteArray();
    }
}
