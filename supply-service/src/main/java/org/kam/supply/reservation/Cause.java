package org.kam.supply.reservation;

/** Why a protection changed, as carried by {@code ReservationChanged}. */
enum Cause {
    /** The account became KEY (or a KEY account's protections were re-sized on its tier event). */
    TIER_CHANGED,
    /** A KEY account bought something, which moves its demand and its horizon. */
    SALE,
    /** The stock available to the protection changed: stock set over the API, or units freed by another account. */
    STOCK_CHANGED,
    /** The account is no longer KEY; nothing stays protected for it. */
    RELEASED,
    /** The account's order took units from its own protection. */
    ORDER,
    /** The forecast the protection is sized from moved (re-forecast as time passes). */
    FORECAST,
    /** A stock level agreed with the account was set or removed for the SKU. */
    AGREED_LEVEL
}
