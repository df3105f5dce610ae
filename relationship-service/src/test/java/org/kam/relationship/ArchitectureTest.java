package org.kam.relationship;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;
import org.kam.testsupport.KamArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.kam.relationship");

    @Test
    void followsTheHouseLayout() {
        KamArchitecture.verify("org.kam.relationship");
    }

    @Test
    void theCoverageRuleNeedsNothingButTheDomain() {
        classes().that().haveSimpleName("CoverageRule")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "org.kam.relationship.contact", "org.kam.relationship.coverage")
                .check(CLASSES);
    }

    @Test
    void contactsKnowNothingOfCoverage() {
        noClasses().that().resideInAPackage("org.kam.relationship.contact..")
                .should().dependOnClassesThat().resideInAPackage("org.kam.relationship.coverage..")
                .check(CLASSES);
    }

    @Test
    void controllersAndConsumersArePackagePrivate() {
        classes().that().resideInAnyPackage("org.kam.relationship..web..", "org.kam.relationship..messaging..")
                .and().areTopLevelClasses()
                .should().notBePublic()
                .check(CLASSES);
    }
}
