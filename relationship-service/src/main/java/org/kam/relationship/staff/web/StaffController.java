package org.kam.relationship.staff.web;

import java.math.BigDecimal;
import java.util.List;

import org.kam.chassis.security.Roles;
import org.kam.chassis.web.NotFoundException;
import org.kam.relationship.staff.Staff;
import org.kam.relationship.staff.StaffMember;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@RestController
@Validated
@RequestMapping("/api/v1/staff")
class StaffController {

    static final String ID = "[A-Za-z0-9._-]{1,64}";

    private final Staff staff;

    StaffController(Staff staff) {
        this.staff = staff;
    }

    @PreAuthorize(Roles.STAFF)
    @GetMapping
    List<StaffMember> list() {
        return staff.all();
    }

    @PreAuthorize(Roles.STAFF)
    @GetMapping("/{staffId}")
    StaffMember get(@PathVariable @Pattern(regexp = ID) String staffId) {
        return staff.find(staffId).orElseThrow(() -> new NotFoundException("No staff member " + staffId));
    }

    /** Who works for the supplier, under whom, and how much of their time visits may take: the leads decide. */
    @PreAuthorize(Roles.LEADS)
    @PutMapping(path = "/{staffId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<StaffMember> save(@PathVariable @Pattern(regexp = ID, message = "must be 1 to 64 letters, digits, '.', '_' or '-'") String staffId,
            @Valid @RequestBody StaffDetails details) {
        StaffMember member = new StaffMember(staffId, details.name().strip(), blankToNull(details.title()),
                blankToNull(details.supervisorId()), Boolean.TRUE.equals(details.executive()), details.visitBudget(),
                blankToNull(details.homeRegion()));
        boolean created = staff.save(member);
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(member);
    }

    record StaffDetails(
            @NotBlank @Size(max = 200) String name,
            @Size(max = 200) String title,
            @Pattern(regexp = ID, message = "must be a staff id") String supervisorId,
            Boolean executive,
            @DecimalMin("0") @DecimalMax("1") @Digits(integer = 1, fraction = 3) BigDecimal visitBudget,
            @Size(max = 100) String homeRegion) {
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
