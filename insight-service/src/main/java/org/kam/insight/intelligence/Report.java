package org.kam.insight.intelligence;

import java.time.LocalDate;
import java.util.List;

/**
 * A report a person files (or an import carries): who says it, when, about which accounts and
 * product lines, and what. {@code contradicts} names an item's number when the report says that
 * item is wrong.
 */
public record Report(String source, String organisation, LocalDate reportedOn, List<String> accounts,
        List<String> productLines, String title, String text, String link, String contradicts, String filedBy) {

    public Report {
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
        productLines = productLines == null ? List.of() : List.copyOf(productLines);
    }

    String content() {
        return title + " " + (text == null ? "" : text);
    }
}
