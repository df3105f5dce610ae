package org.kam.insight.notification.web;

import java.security.Principal;
import java.util.List;
import java.util.UUID;

import org.kam.chassis.messaging.Enums;
import org.kam.chassis.security.Roles;
import org.kam.insight.notification.Actions;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

@RestController
@Validated
@RequestMapping("/api/v1/actions")
class ActionController {

    private final Actions actions;

    ActionController(Actions actions) {
        this.actions = actions;
    }

    /** Actions, soonest due first: of one owner or all; OPEN, OVERDUE, DONE or ANY (default OPEN). */
    @PreAuthorize(Roles.STAFF)
    @GetMapping
    List<Actions.Action> find(@RequestParam(required = false) @Size(max = 64) String owner,
            @RequestParam(defaultValue = "OPEN") String state,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return actions.find(owner == null || owner.isBlank() ? null : owner, Enums.parse(Actions.State.class, "state", state),
                limit);
    }

    @PreAuthorize(Roles.STAFF)
    @GetMapping("/{id}")
    Actions.Action get(@PathVariable UUID id) {
        return actions.get(id);
    }

    @PreAuthorize(Roles.STAFF)
    @PostMapping("/{id}/done")
    Actions.Action done(@PathVariable UUID id, Principal caller) {
        return actions.done(id, caller.getName());
    }
}
