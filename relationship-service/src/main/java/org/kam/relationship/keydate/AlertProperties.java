package org.kam.relationship.keydate;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * When key dates are raised and escalated ({@code kam.relationship.alerts}).
 *
 * @param leadDays       the owner is alerted this many days before the date
 * @param respondWithin  an alert not acknowledged within this goes one step up the supervisor chain
 * @param checkInterval  how often due dates and deadlines are checked
 */
@ConfigurationProperties("kam.relationship.alerts")
public record AlertProperties(int leadDays, Duration respondWithin, Duration checkInterval) {

    public AlertProperties {
        if (leadDays < 0 || leadDays > 366) {
            throw new IllegalArgumentException("kam.relationship.alerts.lead-days must be 0 to 366, was " + leadDays);
        }
    }
}
