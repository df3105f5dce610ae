package org.kam.insight;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;
import org.kam.testsupport.KamArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;

class ArchitectureTest {

    private static final JavaClasses CLASSES = KamArchitecture.classes("org.kam.insight");

    @Test
    void followsTheHouseLayout() {
        KamArchitecture.verify("org.kam.insight");
    }

    @Test
    void collectingFactsKnowsNothingOfWhatIsBuiltOnThem() {
        noClasses().that().resideInAPackage("org.kam.insight.collection..")
                .should().dependOnClassesThat().resideInAPackage("org.kam.insight.notification..")
                .check(CLASSES);
    }

    @Test
    void theNotificationRulesDecideWithoutFrameworkDatabaseOrKafka() {
        noClasses().that().haveSimpleName("NotificationRules").or().haveSimpleName("Notice")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.kam.chassis..",
                        "java.sql..", "org.apache.kafka..")
                .check(CLASSES);
    }
}
