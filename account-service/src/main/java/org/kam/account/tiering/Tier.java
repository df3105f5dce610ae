package org.kam.account.tiering;

/** How much attention an account gets: key accounts first, potential key accounts next. */
public enum Tier {
    KEY, POTENTIAL, REGULAR
}
