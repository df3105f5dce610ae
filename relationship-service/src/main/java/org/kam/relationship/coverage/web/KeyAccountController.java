package org.kam.relationship.coverage.web;

import org.kam.chassis.security.Roles;
import java.util.List;

import org.kam.relationship.coverage.KeyAccountCoverage;
import org.kam.relationship.coverage.KeyAccounts;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/key-accounts")
class KeyAccountController {

    private final KeyAccounts keyAccounts;

    KeyAccountController(KeyAccounts keyAccounts) {
        this.keyAccounts = keyAccounts;
    }

    /** Every key account with its contacts per level; those lacking a level come first. */
    @PreAuthorize(Roles.STAFF)
    @GetMapping
    List<KeyAccountCoverage> list() {
        return keyAccounts.coverage();
    }
}
