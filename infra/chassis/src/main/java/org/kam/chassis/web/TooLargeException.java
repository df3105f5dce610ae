package org.kam.chassis.web;

/** An upload or body above its documented limit; answered as a 413 ProblemDetail. */
public class TooLargeException extends RuntimeException {

    public TooLargeException(String message) {
        super(message);
    }
}
