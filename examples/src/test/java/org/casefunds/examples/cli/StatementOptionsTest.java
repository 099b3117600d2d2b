package org.casefunds.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.casefunds.ledger.formats.statement.StatementField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Goal: the headers a user names reach the reader, a mapping file first and {@code --column} over it,
 * and a field that does not exist is refused naming the fields that do.
 *
 * <p>Method: the options are filled as picocli fills them and asked for the named headers.
 */
class StatementOptionsTest {
    @TempDir
    Path folder;

    @Test
    void columnFlagsOverrideTheMappingFile() throws IOException {
        Path mapping = folder.resolve("bank.properties");
        Files.writeString(mapping, "# 某银行的导出格式\nserial = 凭证号\nvalue_date=记账日\n", StandardCharsets.UTF_8);
        StatementOptions options = new StatementOptions();
        options.mapping = mapping;
        options.columns.put("value_date", "起息日");
        assertEquals(Map.of(StatementField.SERIAL, "凭证号", StatementField.VALUE_DATE, "起息日"), options.named());
    }

    @Test
    void anUnknownFieldIsRefusedNamingTheFields() {
        StatementOptions options = new StatementOptions();
        options.columns.put("serial_number", "流水");
        Casefunds.BadInput refused = assertThrows(Casefunds.BadInput.class, options::named);
        assertTrue(refused.getMessage().contains("'serial_number' is not a field; the fields are serial, value_date"),
                refused.getMessage());
    }
}
