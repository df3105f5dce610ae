package org.kam.relationship;

import static org.kam.testsupport.JsonRecord.quote;

import java.time.Instant;
import java.util.UUID;

/** {@code AccountDetailsChanged} records (account-details-changed.v1) as account-service publishes them. */
public final class AccountJson {

    private AccountJson() {
    }

    public static String details(String accountId, String name, String region, String openedOn, String owner) {
        return """
                {"eventId":%s,"occurredAt":%s,"accountId":%s,"name":%s,"region":%s,"parentId":null,"openedOn":%s,"owner":%s}"""
                .formatted(quote(UUID.randomUUID().toString()), quote(Instant.now().toString()), quote(accountId),
                        quote(name), nullable(region), nullable(openedOn), nullable(owner));
    }

    private static String nullable(String value) {
        return value == null ? "null" : quote(value);
    }
}
