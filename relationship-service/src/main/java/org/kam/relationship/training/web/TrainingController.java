package org.kam.relationship.training.web;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.kam.chassis.security.Roles;
import org.kam.relationship.training.TrainingNeed;
import org.kam.relationship.training.TrainingSession;
import org.kam.relationship.training.Trainings;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@RestController
@Validated
@RequestMapping("/api/v1/accounts/{accountId}")
class TrainingController {

    private final Trainings trainings;

    TrainingController(Trainings trainings) {
        this.trainings = trainings;
    }

    @PreAuthorize(Roles.STAFF)
    @GetMapping("/trainings")
    List<TrainingSession> sessions(@PathVariable @Size(max = 64) String accountId) {
        return trainings.sessions(accountId);
    }

    /** Records a product training that took place, and who of the customer's staff attended. */
    @PreAuthorize(Roles.ACCOUNT_TEAM)
    @PostMapping(path = "/trainings", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TrainingSession> record(@PathVariable @Size(max = 64) String accountId,
            @Valid @RequestBody NewSession session) {
        TrainingSession recorded = trainings.recordSession(accountId, session.productLine().strip(), session.heldOn(),
                session.expiresOn(), session.trainer(), session.attendees());
        return ResponseEntity.created(URI.create("/api/v1/accounts/" + accountId + "/trainings/" + recorded.id()))
                .body(recorded);
    }

    @PreAuthorize(Roles.STAFF)
    @GetMapping("/training-needs")
    List<TrainingNeed> needs(@PathVariable @Size(max = 64) String accountId) {
        return trainings.needs(accountId);
    }

    record NewSession(
            @NotBlank @Size(max = 100) String productLine,
            @NotNull LocalDate heldOn,
            @NotNull LocalDate expiresOn,
            @Size(max = 200) String trainer,
            @NotEmpty @Size(max = 500) List<@NotNull UUID> attendees) {
    }
}
