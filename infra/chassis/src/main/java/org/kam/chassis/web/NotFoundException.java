package org.kam.chassis.web;

/** A resource the request names does not exist; answered as a 404 ProblemDetail. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
