package org.kam.load;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.HdrHistogram.Histogram;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which published event a sale caused, and how long after it was sent: {@code TierChanged} naming
 * the sale as its cause; the first {@code ReservationChanged} of an account such a change made KEY or
 * POTENTIAL; the first {@code NotificationIssued} sourced from the sale or from its tier change.
 * No Kafka here: {@link LatencyProbe} feeds it what it reads. Latencies in microseconds.
 */
final class SaleEffects {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long HIGHEST_MICROS = 3_600_000_000L;

    private final Map<UUID, Long> saleSent = new ConcurrentHashMap<>();
    /** A TierChanged to KEY or POTENTIAL seen: the account's first reservation is timed from its sale. */
    private final Map<String, Long> reservationAwaited = new ConcurrentHashMap<>();
    /** A TierChanged seen: a notification sourced from it is timed from its sale. */
    private final Map<UUID, Long> tierChangeOfSale = new ConcurrentHashMap<>();
    private final Map<UUID, Boolean> notified = new ConcurrentHashMap<>();
    private final Histogram toTierChanged = new Histogram(HIGHEST_MICROS, 3);
    private final Histogram toReservation = new Histogram(HIGHEST_MICROS, 3);
    private final Histogram toNotification = new Histogram(HIGHEST_MICROS, 3);

    void sent(UUID saleId, long nanos) {
        saleSent.put(saleId, nanos);
    }

    /** An event published on {@code topic}, read at {@code nanos}; anything not caused by a sent sale is ignored. */
    void seen(String topic, String json, long nanos) {
        Map<String, String> fields = fields(json);
        switch (topic) {
            case "kam.account-tiers.v1" -> {
                UUID cause = idOf(fields.get("causeEventId"));
                Long sent = cause == null ? null : saleSent.get(cause);
                if (sent != null) {
                    toTierChanged.recordValue(micros(nanos - sent));
                    UUID change = idOf(fields.get("eventId"));
                    if (change != null) {
                        tierChangeOfSale.put(change, sent);
                    }
                    String to = fields.get("to");
                    if (("KEY".equals(to) || "POTENTIAL".equals(to)) && fields.get("accountId") != null) {
                        reservationAwaited.putIfAbsent(fields.get("accountId"), sent);
                    }
                }
            }
            case "kam.reservations.v1" -> {
                Long sent = fields.get("accountId") == null ? null : reservationAwaited.remove(fields.get("accountId"));
                if (sent != null) {
                    toReservation.recordValue(micros(nanos - sent));
                }
            }
            case "kam.notifications.v1" -> {
                UUID source = idOf(fields.get("sourceEventId"));
                Long sent = source == null ? null : saleSent.containsKey(source) ? saleSent.get(source) : tierChangeOfSale.get(source);
                if (sent != null && notified.putIfAbsent(source, true) == null) {
                    toNotification.recordValue(micros(nanos - sent));
                }
            }
            default -> {
            }
        }
    }

    LatencyProbe.Result result(double rate, long sales) {
        return new LatencyProbe.Result(rate, sales, LatencyProbe.Percentiles.of(toTierChanged),
                LatencyProbe.Percentiles.of(toReservation), LatencyProbe.Percentiles.of(toNotification));
    }

    private static long micros(long nanos) {
        return Math.max(1, Math.min(nanos / 1000, HIGHEST_MICROS));
    }

    /** The top-level text fields of an event (a record that is not a JSON object has none). */
    static Map<String, String> fields(String json) {
        Map<String, String> fields = new java.util.HashMap<>();
        try {
            JsonNode event = JSON.readTree(json);
            for (String name : List.of("eventId", "causeEventId", "sourceEventId", "accountId", "to")) {
                JsonNode value = event.get(name);
                if (value != null && value.isString()) {
                    fields.put(name, value.asString());
                }
            }
        } catch (RuntimeException notJson) {
            // not one of ours: nothing to time
        }
        return fields;
    }

    private static UUID idOf(String text) {
        try {
            return text == null ? null : UUID.fromString(text);
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }
}
