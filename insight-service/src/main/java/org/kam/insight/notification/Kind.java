package org.kam.insight.notification;

/** What a notification is about (notification-issued.v1 {@code kind}). */
public enum Kind {
    NEW_KEY_ACCOUNT, KEY_ACCOUNT_LOST, KEY_ACCOUNT_SALE, STOCK_RESERVED, RESERVATION_SHORTAGE,
    KEY_ACCOUNT_STOCK_OUT, PRODUCTION_REQUESTED, TRANSPORT_REQUESTED, SHORTAGE_RISK, SHORTAGE_RISK_CLEARED, MARKET_SIGNAL
}
