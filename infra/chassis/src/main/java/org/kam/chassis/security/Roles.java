package org.kam.chassis.security;

/**
 * The roles of the KAM services (the token's {@code roles} claim) and the rules every endpoint
 * carries as {@code @PreAuthorize}. A token without any of these roles reads nothing.
 */
public final class Roles {

    /** Every staff role: reads that any internal team may make (tiers, stock, notifications, …). */
    public static final String STAFF = "hasAnyRole('ADMIN', 'SALES', 'KAM', 'KAM_LEAD', 'SUPPLY', 'ANALYST')";

    /** Personal data of customers' people (e-mail, phone): the account teams only. */
    public static final String ACCOUNT_TEAM = "hasAnyRole('ADMIN', 'KAM', 'KAM_LEAD')";

    /** The supplier's decisions on people and rules: key account leads and administrators. */
    public static final String LEADS = "hasAnyRole('ADMIN', 'KAM_LEAD')";

    /** Who keeps the information system: source reliability, classification rules, rejecting false items. */
    public static final String ANALYSTS = "hasAnyRole('ADMIN', 'KAM_LEAD', 'ANALYST')";

    /** Revenue per customer and how it spreads (the portfolio views): the commercial side and analysts, not supply. */
    public static final String COMMERCIAL = "hasAnyRole('ADMIN', 'SALES', 'KAM', 'KAM_LEAD', 'ANALYST')";

    public static final String ADMIN = "hasRole('ADMIN')";

    public static final String[] ALL = { "ADMIN", "SALES", "KAM", "KAM_LEAD", "SUPPLY", "ANALYST" };

    private Roles() {
    }
}
