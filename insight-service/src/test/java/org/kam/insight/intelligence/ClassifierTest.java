package org.kam.insight.intelligence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class ClassifierTest {

    private static final UUID REGULATION = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final UUID MARKET = UUID.fromString("00000000-0000-0000-0000-000000000002");
    private final List<Classifier.Rule> rules = List.of(
            new Classifier.Rule(MARKET, InformationClass.MARKET, List.of("price", "demand"), 20),
            new Classifier.Rule(REGULATION, InformationClass.REGULATION, List.of("F-gas", "phase down"), 10));
    private final Classifier classifier = new Classifier();

    @Test
    void theRuleWithTheLowestPriorityThatMatchesWins() {
        var verdict = classifier.classify(rules, "EU agrees F-gas phase-down", "Prices of heat pumps may rise.");

        assertThat(verdict).isEqualTo(new Classifier.Verdict(InformationClass.REGULATION, REGULATION, "F-gas"));
    }

    @Test
    void keywordsMatchWholeWordsIgnoringCaseAndAccents() {
        assertThat(classifier.classify(rules, "Copper PRICE at a record", null).informationClass())
                .isEqualTo(InformationClass.MARKET);
        assertThat(classifier.classify(rules, "Prices rise", null).informationClass())
                .as("'prices' is not the keyword 'price'").isEqualTo(InformationClass.OTHER);
    }

    @Test
    void nothingMatchedIsOther() {
        assertThat(classifier.classify(rules, "A new office in Oslo", "Eight staff.")).isEqualTo(
                new Classifier.Verdict(InformationClass.OTHER, null, null));
    }
}
