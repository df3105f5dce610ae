package org.kam.relationship.coverage;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.kam.chassis.messaging.InvalidEventException;
import org.kam.chassis.messaging.JsonFields;
import org.springframework.stereotype.Component;

/**
 * Reads a {@code TierChanged} record of kam.account-tiers.v1 as a tolerant reader: only eventId,
 * accountId, to, asOf, sequence and cause; every other field may change without concerning this service.
 */
@Component
public final class TierChangeReader {

    private static final String TIERS = Arrays.stream(Tier.values()).map(Tier::name)
            .collect(Collectors.joining(", "));

    public TierChange read(byte[] json) {
        JsonFields fields = JsonFields.parse(json);
        return new TierChange(
                fields.requiredUuid("eventId"),
                fields.requiredText("accountId", 64),
                tier(fields.requiredText("to")),
                fields.requiredInstant("asOf"),
                fields.optionalPositiveLong("sequence", 0),
                cause(fields.requiredText("cause")));
    }

    /** The causes of tier-changed.v1; a briefing explains the tier with it. */
    private static final java.util.Set<String> CAUSES = java.util.Set.of("SALE", "CLOCK", "RULE_CHANGE", "ASSESSMENT",
            "OVERRIDE", "OVERRIDE_EXPIRED");

    private static String cause(String cause) {
        if (!CAUSES.contains(cause)) {
            throw new InvalidEventException("cause", "must be one of " + String.join(", ", new java.util.TreeSet<>(CAUSES))
                    + ", was '" + cause + "'");
        }
        return cause;
    }

    private static Tier tier(String name) {
        try {
            return Tier.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("to", "must be one of " + TIERS + ", was '" + name + "'");
        }
    }
}
