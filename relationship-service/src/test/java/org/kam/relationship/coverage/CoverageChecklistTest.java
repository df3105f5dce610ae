package org.kam.relationship.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.kam.relationship.contact.AccountContact;
import org.kam.relationship.contact.Level;

class CoverageChecklistTest {

    private final CoverageChecklist checklist = new CoverageChecklist(Map.of(
            Tier.KEY, List.of(Requirement.parse("EXECUTIVE:DECISION_MAKER"), Requirement.parse("PAYMENT_APPROVER"),
                    Requirement.parse("SALESPERSON"), Requirement.parse("WAREHOUSE_KEEPER")),
            Tier.POTENTIAL, List.of(Requirement.parse("DECISION_MAKER"), Requirement.parse("FRONTLINE"))));

    @Test
    void aKeyAccountNeedsAnExecutiveDecisionMakerNotAnyDecisionMaker() {
        AccountContact managerWhoDecides = contact(Level.MANAGER, "DECISION_MAKER", "PAYMENT_APPROVER");
        AccountContact keeper = contact(Level.FRONTLINE, "WAREHOUSE_KEEPER");

        var coverage = checklist.assess(Tier.KEY, List.of(managerWhoDecides, keeper));

        assertThat(coverage.gaps()).containsExactly("EXECUTIVE:DECISION_MAKER", "SALESPERSON");
        assertThat(coverage.checks().get(1).metBy()).containsExactly(managerWhoDecides.id());
    }

    @Test
    void aPotentialAccountNeedsADecisionMakerAndSomeoneAtTheFrontline() {
        var coverage = checklist.assess(Tier.POTENTIAL,
                List.of(contact(Level.MANAGER, "DECISION_MAKER"), contact(Level.FRONTLINE)));

        assertThat(coverage.complete()).isTrue();
        assertThat(checklist.assess(Tier.REGULAR, List.of()).checks()).isEmpty();
    }

    @Test
    void requirementsAreWrittenAsLevelRoleOrBoth() {
        assertThat(Requirement.parse("frontline")).isEqualTo(new Requirement(Level.FRONTLINE, null));
        assertThat(Requirement.parse("WAREHOUSE_KEEPER")).isEqualTo(new Requirement(null, "WAREHOUSE_KEEPER"));
        assertThat(Requirement.parse("EXECUTIVE:DECISION_MAKER").toString()).isEqualTo("EXECUTIVE:DECISION_MAKER");
        assertThatThrownBy(() -> Requirement.parse("BOSS:DECISION_MAKER")).hasMessageContaining("Unknown level");
    }

    @Test
    void aChecklistNamingARoleThatIsNotConfiguredStopsTheStart() {
        CoverageProperties properties = new CoverageProperties(List.of("WAREHOUSE_KEPER"), null, null);

        assertThatThrownBy(() -> properties.checklist(java.util.Set.of("WAREHOUSE_KEEPER")))
                .hasMessageContaining("WAREHOUSE_KEPER");
    }

    private static AccountContact contact(Level level, String... roles) {
        return new AccountContact(UUID.randomUUID(), UUID.randomUUID(), "A-1", "Someone", null, null, level, null,
                List.of(roles), null, null, null, null, null, LocalDate.of(2026, 1, 1), null, Instant.EPOCH);
    }
}
