package org.kam.insight.intelligence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.kam.insight.intelligence.Credibility.Evidence;

class CredibilityTest {

    private final Credibility credibility = new Credibility();

    @Test
    void twoIndependentOrganisationsConfirmAnItem() {
        var assessment = credibility.assess(List.of(report("Reuters", null, Reliability.B),
                report("Handelsblatt", null, Reliability.C), report("Reuters", null, Reliability.B)));

        assertThat(assessment.standing()).isEqualTo(Standing.CONFIRMED);
        assertThat(assessment.credibility()).isEqualTo(1);
        assertThat(assessment.independentSources()).containsExactly("Reuters", "Handelsblatt");
    }

    @Test
    void oneOrganisationSayingItThreeTimesConfirmsNothing() {
        var assessment = credibility.assess(List.of(report("Reuters", null, Reliability.B),
                report("reuters", null, Reliability.B), report("Reuters", null, Reliability.B)));

        assertThat(assessment.standing()).isEqualTo(Standing.UNCONFIRMED);
        assertThat(assessment.credibility()).as("probably true: one usually reliable source").isEqualTo(2);
    }

    @Test
    void outletsOfOneGroupAreNotIndependent() {
        var assessment = credibility.assess(List.of(report("Daily Pump", "Pump Media", Reliability.C),
                report("Weekly Pump", "Pump Media", Reliability.C)));

        assertThat(assessment.standing()).isEqualTo(Standing.UNCONFIRMED);
        assertThat(assessment.credibility()).isEqualTo(3);
    }

    @Test
    void anyContradictionDisputesTheItem() {
        var assessment = credibility.assess(List.of(report("Reuters", null, Reliability.A),
                report("Handelsblatt", null, Reliability.B), new Evidence("Acme press office", null, Reliability.F, true)));

        assertThat(assessment.standing()).isEqualTo(Standing.DISPUTED);
        assertThat(assessment.credibility()).isEqualTo(4);
        assertThat(assessment.contradictedBy()).containsExactly("Acme press office");
    }

    @Test
    void aSingleSourceWhoseReliabilityCannotBeJudgedGivesACredibilityThatCannotBeJudged() {
        assertThat(credibility.assess(List.of(report("A blog", null, Reliability.F))).credibility()).isEqualTo(6);
        assertThat(credibility.assess(List.of(report("A rumour mill", null, Reliability.E))).credibility()).isEqualTo(4);
    }

    private static Evidence report(String organisation, String group, Reliability reliability) {
        return new Evidence(organisation, group, reliability, false);
    }
}
