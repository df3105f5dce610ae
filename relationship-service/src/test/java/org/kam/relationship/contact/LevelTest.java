package org.kam.relationship.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class LevelTest {

    @Test
    void theNamesRequestsAreValidatedAgainstAreExactlyTheLevels() {
        assertThat(Level.ANY_NAME).isEqualTo(Arrays.stream(Level.values()).map(Level::name)
                .collect(Collectors.joining("|")));
        assertThat(Level.NAMES).isEqualTo(Arrays.stream(Level.values()).map(Level::name)
                .collect(Collectors.joining(", ")));
    }

    @Test
    void blankOptionalDetailsOfANewContactAreStoredAsAbsentAndTheRestTrimmed() {
        NewContact contact = new NewContact("Ann", Level.FRONTLINE, " warehouse keeper ", "  ", null);

        assertThat(contact).isEqualTo(new NewContact("Ann", Level.FRONTLINE, "warehouse keeper", null, null));
    }
}
