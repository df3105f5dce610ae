package org.kam.supply.planning;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import org.junit.jupiter.api.Test;
import org.kam.supply.reservation.Tier;
import org.kam.testsupport.KamArchitecture;

class PlanningArchitectureTest {

    @Test
    void thePeakPlannerNeedsNothingButTheJdkAndTheTiers() {
        classes().that().haveNameMatching("org\\.kam\\.supply\\.planning\\.(PeakPlanner|PeakPlan|SkuOutlook)(\\$.*)?")
                .should().onlyDependOnClassesThat(resideInAnyPackage("java..", "org.kam.supply.planning")
                        .or(equivalentTo(Tier.class)))
                .check(KamArchitecture.classes("org.kam.supply.planning"));
    }
}
