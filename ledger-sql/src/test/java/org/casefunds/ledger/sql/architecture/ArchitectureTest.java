package org.casefunds.ledger.sql.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The storage module keeps a ledger in a database and nothing else: no file format (JSON, CSV; those
 * are {@code ledger-formats}'), no command line.
 */
class ArchitectureTest {

    @Test
    void theStorageHoldsNoFileFormat() {
        JavaClasses storage = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.casefunds.ledger.sql");
        noClasses().should().dependOnClassesThat().resideInAnyPackage("com.fasterxml..", "org.apache.commons.csv..",
                "picocli..", "org.casefunds.ledger.formats..", "org.casefunds.examples..").check(storage);
    }
}
