package org.kam.relationship.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kam.relationship.contact.Level.EXECUTIVE;
import static org.kam.relationship.contact.Level.FRONTLINE;
import static org.kam.relationship.contact.Level.MANAGER;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kam.relationship.contact.Level;

class CoverageRuleTest {

    private static final Instant SINCE = Instant.parse("2026-03-02T09:00:00Z");

    private final CoverageRule rule = new CoverageRule();

    @Test
    void aKeyAccountWithoutContactsIsMissingEveryLevel() {
        assertThat(rule.assess(new KeyAccount("A", SINCE), Map.of())).isEqualTo(new KeyAccountCoverage("A", SINCE,
                Map.of(EXECUTIVE, 0, MANAGER, 0, FRONTLINE, 0), List.of(EXECUTIVE, MANAGER, FRONTLINE)));
    }

    @Test
    void aKeyAccountWithoutFrontlineContactsIsMissingThatLevel() {
        KeyAccountCoverage coverage = rule.assess(new KeyAccount("A", SINCE), Map.of(EXECUTIVE, 2, MANAGER, 3));

        assertThat(coverage).isEqualTo(new KeyAccountCoverage("A", SINCE,
                Map.of(EXECUTIVE, 2, MANAGER, 3, FRONTLINE, 0), List.of(FRONTLINE)));
        assertThat(coverage.complete()).isFalse();
    }

    @Test
    void aKeyAccountKnownOnlyOnTheShopFloorIsMissingItsExecutivesAndManagers() {
        KeyAccountCoverage coverage = rule.assess(new KeyAccount("A", SINCE), Map.of(FRONTLINE, 4));

        assertThat(coverage.missingLevels()).containsExactly(EXECUTIVE, MANAGER);
    }

    @Test
    void aKeyAccountWithSomeoneAtEveryLevelIsMissingNothing() {
        KeyAccountCoverage coverage = rule.assess(new KeyAccount("A", SINCE), Map.of(EXECUTIVE, 1, MANAGER, 1, FRONTLINE, 1));

        assertThat(coverage.missingLevels()).isEmpty();
        assertThat(coverage.complete()).isTrue();
    }

    @Test
    void theContactsListEveryLevelFromExecutivesToTheFrontline() {
        KeyAccountCoverage coverage = rule.assess(new KeyAccount("A", SINCE), Map.of(FRONTLINE, 1, EXECUTIVE, 1));

        assertThat(coverage.contacts().keySet()).containsExactly(EXECUTIVE, MANAGER, FRONTLINE);
    }

    @Test
    void theAccountsMissingTheMostLevelsComeFirstAndTiesAreOrderedByAccountId() {
        Map<String, Map<Level, Integer>> counts = Map.of(
                "FULL", Map.of(EXECUTIVE, 1, MANAGER, 2, FRONTLINE, 3),
                "B-ONE-MISSING", Map.of(EXECUTIVE, 1, MANAGER, 1),
                "A-ONE-MISSING", Map.of(MANAGER, 1, FRONTLINE, 1));

        List<KeyAccountCoverage> report = rule.assess(List.of(new KeyAccount("FULL", SINCE),
                new KeyAccount("B-ONE-MISSING", SINCE), new KeyAccount("NOBODY", SINCE),
                new KeyAccount("A-ONE-MISSING", SINCE)), counts);

        assertThat(report).extracting(KeyAccountCoverage::accountId)
                .containsExactly("NOBODY", "A-ONE-MISSING", "B-ONE-MISSING", "FULL");
        assertThat(report).extracting(KeyAccountCoverage::missingLevels).containsExactly(
                List.of(EXECUTIVE, MANAGER, FRONTLINE), List.of(EXECUTIVE), List.of(FRONTLINE), List.of());
    }

    @Test
    void contactsOfAccountsThatAreNotKeyAreNotReported() {
        List<KeyAccountCoverage> report = rule.assess(List.of(new KeyAccount("KEY-1", SINCE)),
                Map.of("REGULAR-1", Map.of(EXECUTIVE, 5)));

        assertThat(report).extracting(KeyAccountCoverage::accountId).containsExactly("KEY-1");
    }

    @Test
    void noKeyAccountsMakeAnEmptyReport() {
        assertThat(rule.assess(List.of(), Map.of())).isEmpty();
    }

    @Test
    void aNegativeCountIsRejected() {
        assertThatThrownBy(() -> rule.assess(new KeyAccount("A", SINCE), Map.of(MANAGER, -1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MANAGER=-1");
    }
}
