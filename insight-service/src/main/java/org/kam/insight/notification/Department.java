package org.kam.insight.notification;

/** Who is told (notification-issued.v1 {@code department}). */
public enum Department {
    /** Plans and runs production. */
    PRODUCTION,
    /** Research and development: new products, changes to existing ones. */
    PRODUCT_DEVELOPMENT,
    MARKETING,
    TRANSPORT,
    /** The supervisors: the digest, and what needs a decision. */
    MANAGEMENT
}
