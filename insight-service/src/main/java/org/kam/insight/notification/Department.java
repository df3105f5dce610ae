package org.kam.insight.notification;

/** Who is told (notification-issued.v1 {@code department}). */
public enum Department {
    PRODUCTION, MARKETING, TRANSPORT, RESEARCH, SUPERVISORS
}
