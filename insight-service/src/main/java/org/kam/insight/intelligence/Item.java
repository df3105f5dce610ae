package org.kam.insight.intelligence;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** An item of information, merged from every report of the same story, with its verdict. */
public record Item(UUID id, String number, String title, String text, InformationClass informationClass,
        Standing standing, int credibility, List<String> accounts, List<String> productLines, LocalDate firstReported,
        List<String> independentSources, List<String> contradictedBy, List<Source> reports, String rejectedReason,
        Instant createdAt, List<ExpertAssessments.Assessment> expertAssessments) {

    /** One report of the item. */
    public record Source(String source, String organisation, Reliability reliability, LocalDate reportedOn,
            String title, String link, boolean contradicts) {
    }
}
