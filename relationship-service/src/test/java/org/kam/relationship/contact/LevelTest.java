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
        Person person = new Person(" Ann ", "  ", null);
        LinkDetails link = new LinkDetails(Level.FRONTLINE, " warehouse keeper ", null, null, null, null, null, " ", null);

        assertThat(person).isEqualTo(new Person("Ann", null, null));
        assertThat(link).isEqualTo(new LinkDetails(Level.FRONTLINE, "warehouse keeper", java.util.List.of(), null, null,
                null, null, null, null));
    }
}
