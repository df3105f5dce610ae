package org.kam.relationship;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;
import org.kam.testsupport.KamArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;

class ArchitectureTest {

    private static final JavaClasses CLASSES = KamArchitecture.classes("org.kam.relationship");

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
