package org.kam.supply.forecast;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import org.junit.jupiter.api.Test;
import org.kam.testsupport.KamArchitecture;

class ForecastArchitectureTest {

    @Test
    void theForecastingLibraryNeedsNothingButTheJdk() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.kam.supply.forecast")
                .check(KamArchitecture.classes("org.kam.supply.forecast"));
    }
}
