package org.kam.chassis.web;

/** The request contradicts the current state; answered as a 409 ProblemDetail. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
