package org.kam.insight.collection;

import java.util.List;
import java.util.UUID;

/** A new item entered the intelligence register (a report that merged into an existing item is not news). */
public record IntelligenceFiled(UUID itemId, String number, String informationClass, String title,
        List<String> accounts, List<String> productLines) {
}
