package org.kam.supply.reservation;

/** Why a protection changed, as carried by {@code ReservationChanged}. */
enum Cause {
    /** The account became KEY or POTENTIAL (or moved between them): its protections were sized for the new tier. */
    TIER_CHANGED,
    /** A KEY or POTENTIAL account bought the SKU, which moves its forecast demand for it. */
    SALE,
    /** The stock available to the protection changed: stock set over the API, or units freed by another account. */
    STOCK_CHANGED,
    /** The account is neither KEY nor POTENTIAL any more; nothing stays protected for it. */
    RELEASED,
    /** The account's order took units from its own protection. */
    ORDER,
    /** The forecast the protection is sized from moved (re-forecast as time passes). */
    FORECAST,
    /** A stock level agreed with the account was set or removed for the SKU. */
    AGREED_LEVEL
}
