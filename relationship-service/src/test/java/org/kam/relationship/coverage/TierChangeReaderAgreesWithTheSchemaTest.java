package org.kam.relationship.coverage;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.kam.testsupport.SchemaCases;

/** The reader of kam.account-tiers.v1 accepts and rejects exactly what tier-changed.v1.schema.json does. */
class TierChangeReaderAgreesWithTheSchemaTest {

    @Test
    void everyRecordDerivedFromTheSchemaIsJudgedAsTheSchemaJudgesIt() {
        TierChangeReader reader = new TierChangeReader();

        SchemaCases.assertReaderAgrees("tier-changed.v1.schema.json",
                TierChangedJson.valid().withRaw("sequence", "3").json(),
                Set.of("eventId", "accountId", "to", "asOf", "sequence", "cause"), reader::read);
    }
}
