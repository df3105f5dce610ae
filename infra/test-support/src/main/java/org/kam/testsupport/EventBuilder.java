package org.kam.testsupport;

/**
 * The common half of a test-data builder for the JSON a service consumes or publishes: each
 * service's builder (e.g. {@code EventJson}) adds the events it needs as factory methods, and
 * inherits these ways to bend a field — raw values, so tests can also write wrong ones.
 *
 * @param <B> the concrete builder, returned by every change so calls chain
 */
public abstract class EventBuilder<B extends EventBuilder<B>> {

    private final JsonRecord record = new JsonRecord();

    /** Sets {@code field} to {@code rawJsonValue} as written: {@code "\"text\""}, {@code "12"}, {@code "null"}, {@code "{oops"}. */
    public B withRaw(String field, String rawJsonValue) {
        record.withRaw(field, rawJsonValue);
        return self();
    }

    /** Sets {@code field} to the JSON string {@code text}. */
    public B with(String field, String text) {
        record.with(field, text);
        return self();
    }

    /** Leaves {@code field} out. */
    public B without(String field) {
        record.without(field);
        return self();
    }

    /** The {@code eventId} field's text. */
    public String eventId() {
        return record.text("eventId");
    }

    /** The text of {@code field}. */
    public String text(String field) {
        return record.text(field);
    }

    public String json() {
        return record.json();
    }

    public byte[] bytes() {
        return record.bytes();
    }

    @Override
    public String toString() {
        return record.toString();
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
