package org.casefunds.examples.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.InstanceofCheck;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.casefunds.ledger.commands.RecordReceipt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The command line is a thin shell over the library: its module holds the picocli commands, the
 * dashboard's web server, the readings both print, the demonstration court and the benchmark, and no file format (statements, command files, exports
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
                "org.casefunds.examples.bench..", "org.casefunds.examples.web..", "org.casefunds.examples.reading..")
                .check(cli);
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
    void itDecidesNoDomainRule() {
        // Which statement lines become which receipts is the library's rule (StatementImport).
        noClasses().that().resideInAPackage("org.casefunds.examples.cli..").should().dependOnClassesThat()
                .haveFullyQualifiedName("RecordReceipt").check(cli);
    }

    @Test
    void itNeverAsksWhetherAStoreIsASqlOne() {
        // A cast needs a check of the type first, or it fails at run time; the SQL store is reached
        // through SqlLedger, which does both inside ledger-sql.
        ArchCondition<JavaClass> noSqlTypeChecks = new ArchCondition<>("check no type of ledger-sql with instanceof") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                for (JavaCodeUnit unit : item.getCodeUnits()) {
                    for (InstanceofCheck check : unit.getInstanceofChecks()) {
                        if (check.getRawType().getPackageName().startsWith("org.casefunds.ledger.sql")) {
                            events.add(SimpleConditionEvent.violated(item, unit.getFullName() + " checks instanceof "
                                    + check.getRawType().getName()));
                        }
                    }
                }
            }
        };
        classes().should(noSqlTypeChecks).check(cli);
    }

    @Test
    void itUsesNoStoreInternals() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.casefunds.ledger.sql.schema..", "org.jooq..")
                .check(cli);
    }
}
