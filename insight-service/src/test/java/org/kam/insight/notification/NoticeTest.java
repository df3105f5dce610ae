package org.kam.insight.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class NoticeTest {

    private static final UUID SOURCE = UUID.fromString("6f1c2b9e-3d4a-4b5c-9d8e-7f6a5b4c3d2e");
    private static final Instant NOW = Instant.parse("2026-03-04T12:00:00Z");

    private final Notice notice = new Notice(Department.PRODUCTION, Kind.KEY_ACCOUNT_SALE, "C-1", "SKU-1",
            "key account C-1 ordered 3 × SKU-1");

    @Test
    void anIssuedNoticeCarriesItsSourceEventAndTime() {
        Notification notification = notice.issue(SOURCE, NOW);

        assertThat(notification).usingRecursiveComparison().ignoringFields("id").isEqualTo(new Notification(null,
                Department.PRODUCTION, Kind.KEY_ACCOUNT_SALE, Severity.INFO, "C-1", "SKU-1", null, null,
                "key account C-1 ordered 3 × SKU-1", SOURCE, NOW, null, null));
    }

    @Test
    void anIssuedNoticeNotesTheTierAndProductLineItWasRoutedBy() {
        Notification notification = notice.issue(SOURCE, NOW, new Route.Context(org.kam.insight.collection.Tier.KEY, "Heating"));

        assertThat(notification.tier()).isEqualTo(org.kam.insight.collection.Tier.KEY);
        assertThat(notification.productLine()).isEqualTo("Heating");
    }

    @Test
    void issuingTheSameNoticeForTheSameEventAgainGivesTheSameId() {
        assertThat(notice.issue(SOURCE, NOW).id()).isEqualTo(notice.issue(SOURCE, NOW.plusSeconds(60)).id());
    }

    @Test
    void anotherDepartmentKindOrEventGetsAnotherId() {
        UUID id = notice.issue(SOURCE, NOW).id();

        assertThat(new Notice(Department.TRANSPORT, Kind.KEY_ACCOUNT_SALE, "C-1", "SKU-1", "m").issue(SOURCE, NOW).id())
                .isNotEqualTo(id);
        assertThat(new Notice(Department.PRODUCTION, Kind.STOCK_RESERVED, "C-1", "SKU-1", "m").issue(SOURCE, NOW).id())
                .isNotEqualTo(id);
        assertThat(notice.issue(UUID.randomUUID(), NOW).id()).isNotEqualTo(id);
    }

    @Test
    void theEventCarriesTheNotificationIdAsItsEventId() {
        Notification notification = notice.issue(SOURCE, NOW);

        assertThat(notification.issued()).isEqualTo(new Notification.NotificationIssued(notification.id(), NOW,
                Department.PRODUCTION, Kind.KEY_ACCOUNT_SALE, Severity.INFO, "C-1", "SKU-1",
                "key account C-1 ordered 3 × SKU-1", SOURCE));
    }
}
