package org.kam.supply;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;
import org.kam.testsupport.KamArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;

class ArchitectureTest {

    private static final JavaClasses SUPPLY = KamArchitecture.classes("org.kam.supply");

    @Test
    void followsTheHouseLayout() {
        KamArchitecture.verify("org.kam.supply");
    }

    @Test
    void theProtectionRuleIsPlainJava() {
        classes().that().haveFullyQualifiedName("org.kam.supply.reservation.ProtectionRule")
                .or().haveNameMatching("org\\.kam\\.supply\\.reservation\\.ProtectionRule\\$.*")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.kam.supply.reservation")
                .check(SUPPLY);
    }

    @Test
    void theCatalogueKnowsNothingOfProtections() {
        // Stock changes reach protections as an application event, so the catalogue stays on its own.
        noClasses().that().resideInAPackage("org.kam.supply.catalogue..")
                .should().dependOnClassesThat().resideInAPackage("org.kam.supply.reservation..")
                .check(SUPPLY);
    }
}
