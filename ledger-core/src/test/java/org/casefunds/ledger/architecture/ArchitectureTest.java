package org.casefunds.ledger.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.time.Instant;
import java.time.LocalDate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layout the build keeps for {@code ledger-core}, stated so that a change that breaks it fails
 * here: the core depends on the JDK and Joda-Money only (no I/O library, no JSON, no database, no
 * ICU4J: the calendar's lunar table is data computed by a test), and reads no clock of its own;
 * its packages form no cycle, so each can be read, and changed, with only those below it in mind.
 */
class ArchitectureTest {
    private static JavaClasses core;

    @BeforeAll
    static void importTheCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.casefunds.ledger");
    }

    @Test
    void theCoreDependsOnTheJdkAndJodaMoneyOnly() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.joda.money..",
                "org.casefunds.ledger..").check(core);
    }

    @Test
    void theCoresPackagesFormNoCycle() {
        slices().matching("org.casefunds.ledger.(*)..").should().beFreeOfCycles().check(core);
    }

    @Test
    void theFoundationDependsOnNothingElseOfTheLedger() {
        noClasses().that().resideInAPackage("org.casefunds.ledger.base..").should().dependOnClassesThat()
                .resideOutsideOfPackages("org.casefunds.ledger.base..", "java..", "org.joda.money..").check(core);
    }

    @Test
    void theCoreReadsNoClockOfItsOwn() {
        noClasses().should().callMethod(Instant.class, "now")
                .orShould().callMethod(LocalDate.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .check(core);
    }

    @Test
    void theCoreTouchesNoFileOrDatabase() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.sql..", "java.net..")
                .check(core);
    }
}
