package org.kam.chassis.messaging;

/**
 * An incoming message or request that can never be processed as it is: unparsable JSON, a missing
 * or wrongly typed field, a value out of range. It names the offending field.
 *
 * <p>Consumers do not retry it: the binder sends the record straight to the service's dead-letter
 * topic with this message in the {@code x-exception-message} header. On REST it becomes a 400
 * ProblemDetail.
 */
public class InvalidEventException extends RuntimeException {

    private final String field;

    public InvalidEventException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }

    public String problem() {
        String message = getMessage();
        return message.substring(field.length() + 2);
    }
}
