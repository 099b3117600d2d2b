package org.casefunds.examples.cli;

import org.casefunds.ledger.formats.tables.Language;
import org.casefunds.ledger.formats.tables.ReportTables;
import picocli.CommandLine.Option;

/** The language of a command's tables: {@code --lang zh} (the default) or {@code --lang en}. */
final class LanguageOption {
    @Option(names = "--lang", paramLabel = "zh|en", defaultValue = "zh",
            description = "The language of the tables: zh (中文, the default) or en.")
    String lang;

    Language language() {
        try {
            return Language.parse(lang, "--lang");
        } catch (IllegalArgumentException e) {
            throw new Casefunds.BadInput(e.getMessage());
        }
    }

    ReportTables tables() {
        return ReportTables.in(language());
    }
}
