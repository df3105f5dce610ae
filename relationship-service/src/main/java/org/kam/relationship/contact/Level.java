package org.kam.relationship.contact;

/**
 * Where in a customer's organisation a contact works: the supplier courts not only the buyer's
 * executives and managers but the frontline staff too (sales clerks, warehouse keepers).
 */
public enum Level {
    EXECUTIVE, MANAGER, FRONTLINE;

    /** The level names as a regular expression, for validating requests; a test keeps it in step. */
    public static final String ANY_NAME = "EXECUTIVE|MANAGER|FRONTLINE";
    /** The level names as a person reads them, for error messages. */
    public static final String NAMES = "EXECUTIVE, MANAGER, FRONTLINE";
}
