package org.kam.relationship.keydate;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A date the supplier should act on: once ({@code yearly} false) or every year on the same day,
 * whatever the year ({@code yearly} true: {@code on}'s year is when it started, e.g. the opening).
 * {@code source} DIRECTORY: the opening anniversary account-service announced; MANUAL: entered here.
 */
public record KeyDate(UUID id, String accountId, KeyDateKind kind, String title, LocalDate on, boolean yearly,
        String notes, String source) {
}
