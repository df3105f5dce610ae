package org.kam.insight.digest.web;

import java.net.URI;
import java.util.List;

import org.kam.chassis.security.Roles;
import org.kam.chassis.web.ConflictException;
import org.kam.insight.digest.Digest;
import org.kam.insight.digest.Digests;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

@RestController
@Validated
@RequestMapping("/api/v1/digests")
class DigestController {

    private final Digests digests;

    DigestController(Digests digests) {
        this.digests = digests;
    }

    @PreAuthorize(Roles.STAFF)
    @GetMapping
    List<Digest> latest(@RequestParam(defaultValue = "10") @Min(1) @Max(100) int limit) {
        return digests.latest(limit);
    }

    /** Issues the digest now (of everything since the previous one), besides the schedule. */
    @PreAuthorize(Roles.ANALYSTS)
    @PostMapping
    ResponseEntity<Digest> issue() {
        Digest digest = digests.issue().orElseThrow(() -> new ConflictException("No sales collected yet: nothing to digest"));
        return ResponseEntity.created(URI.create("/api/v1/digests")).body(digest);
    }
}
