package org.casefunds.examples.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The command line is a thin shell over the library: its module holds the picocli commands, the
 * demonstration court and the benchmark, and no file format (statements, command files, exports
 * and configuration files are read and written by {@code ledger-formats}) and no store internals
 * (it reaches a SQL store through {@code SqlLedger}).
 */
class ArchitectureTest {
    private static JavaClasses cli;

    @BeforeAll
    static void importTheCommandLine() {
        cli = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.casefunds.examples");
    }

    @Test
    void theModuleHoldsOnlyTheCommandsTheDemoAndTheBenchmark() {
        classes().should().resideInAnyPackage("org.casefunds.examples.cli..", "org.casefunds.examples.demo..",
                "org.casefunds.examples.bench..").check(cli);
    }

    @Test
    void itParsesNoFileItself() {
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName("org.apache.commons.csv.CSVParser")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.apache.commons.csv.CSVRecord")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(
                        "com.fasterxml.jackson.databind.JsonDeserializer")
                .check(cli);
    }

    @Test
    void itUsesNoStoreInternals() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.casefunds.ledger.sql.schema..", "org.jooq..")
                .check(cli);
    }
}
