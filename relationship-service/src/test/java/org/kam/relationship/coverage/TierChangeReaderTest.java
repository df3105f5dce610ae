package org.kam.relationship.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.kam.chassis.messaging.InvalidEventException;
import org.kam.testsupport.EventContracts;

class TierChangeReaderTest {

    private final TierChangeReader reader = new TierChangeReader();

    @Test
    void theTestEventsConformToTheContract() {
        EventContracts.assertConforms("tier-changed.v1.schema.json", TierChangedJson.valid().json());
        EventContracts.assertConforms("tier-changed.v1.schema.json",
                TierChangedJson.change("C-2", "REGULAR", "2026-03-03T00:00:00Z").json());
    }

    @Test
    void readsTheAccountItsNewTierTheBusinessClockAndTheCause() {
        TierChange change = reader.read(TierChangedJson.valid().bytes());

        assertThat(change).isEqualTo(new TierChange(UUID.fromString(TierChangedJson.EVENT_ID), "C-1", Tier.KEY,
                Instant.parse("2026-03-02T09:00:00Z"), 0, "SALE"));
    }

    @Test
    void readsTheSequenceThatOrdersOneAccountsChanges() {
        TierChange change = reader.read(TierChangedJson.valid().withRaw("sequence", "42").bytes());

        assertThat(change.sequence()).isEqualTo(42);
        assertThat(reader.read(TierChangedJson.valid().bytes()).sequence()).as("not numbered").isZero();
    }

    @Test
    void needsNoneOfTheFieldsItDoesNotReadAndIgnoresNewOnes() {
        byte[] json = TierChangedJson.valid().without("occurredAt").without("from")
                .without("causeEventId").withRaw("reviewedBy", "\"someone\"").bytes();

        assertThat(reader.read(json).to()).isEqualTo(Tier.KEY);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "to=\"GOLD\"          | to        | must be one of KEY, POTENTIAL, REGULAR, was 'GOLD'",
            "to=\"key\"           | to        | must be one of KEY, POTENTIAL, REGULAR, was 'key'",
            "to=3                 | to        | must be a non-empty string",
            "asOf=\"yesterday\"   | asOf      | must be an ISO-8601 instant such as 2026-03-01T10:15:30Z, was 'yesterday'",
            "eventId=\"42\"       | eventId   | must be a UUID, was '42'",
            "accountId=\"\"       | accountId | must be a non-empty string",
            "sequence=0           | sequence  | must be 1 or more, was 0",
            "sequence=1.5         | sequence  | must be a whole number",
            "sequence=\"7\"       | sequence  | must be a whole number" })
    void rejectsABadFieldNamingIt(String change, String field, String problem) {
        String[] parts = change.split("=", 2);
        byte[] json = TierChangedJson.valid().withRaw(parts[0].trim(), parts[1].trim()).bytes();

        assertThatThrownBy(() -> reader.read(json))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.problem()).isEqualTo(problem);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = { "eventId", "accountId", "to", "asOf" })
    void rejectsAMissingFieldItNeeds(String field) {
        byte[] json = TierChangedJson.valid().without(field).bytes();

        assertThatThrownBy(() -> reader.read(json)).isInstanceOfSatisfying(InvalidEventException.class,
                e -> assertThat(e.getMessage()).isEqualTo(field + ": is required"));
    }

    @Test
    void rejectsSomethingThatIsNotJson() {
        assertThatThrownBy(() -> reader.read("{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("$"));
    }
}
