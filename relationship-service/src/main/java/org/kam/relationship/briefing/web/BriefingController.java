package org.kam.relationship.briefing.web;

import java.util.UUID;

import org.kam.chassis.security.Roles;
import org.kam.relationship.briefing.Briefing;
import org.kam.relationship.briefing.Briefings;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class BriefingController {

    private final Briefings briefings;

    BriefingController(Briefings briefings) {
        this.briefings = briefings;
    }

    /** Everything to know before the visit: it names the customer's people, so the account teams only. */
    @PreAuthorize(Roles.ACCOUNT_TEAM)
    @GetMapping("/api/v1/visits/{visitId}/briefing")
    Briefing briefing(@PathVariable UUID visitId) {
        return briefings.of(visitId);
    }
}
