package org.kam.stack;

/** The stack cannot start or run; the message says what to do about it, for a person to read. */
class StackException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    StackException(String message) {
        super(message);
    }

    StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
