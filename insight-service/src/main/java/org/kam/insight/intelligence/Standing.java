package org.kam.insight.intelligence;

/** Whether an item is borne out by its sources. */
public enum Standing {
    /** Two or more independent organisations report it and none contradicts it. */
    CONFIRMED,
    /** One organisation (or organisations of one group) reports it, and none contradicts it. */
    UNCONFIRMED,
    /** At least one report contradicts it. */
    DISPUTED,
    /** A person found it false; kept with its number, left out of lists unless asked for. */
    REJECTED
}
