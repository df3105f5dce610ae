package org.kam.relationship.contact.web;

import org.kam.chassis.security.Roles;
import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.kam.chassis.web.NotFoundException;
import org.kam.relationship.contact.Contact;
import org.kam.relationship.contact.ContactBook;
import org.kam.relationship.contact.Level;
import org.kam.relationship.contact.NewContact;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping("/api/v1/accounts/{accountId}/contacts")
class ContactController {

    private final ContactBook book;

    ContactController(ContactBook book) {
        this.book = book;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('KAM', 'ADMIN')")
    ResponseEntity<Contact> add(@PathVariable String accountId, @Valid @RequestBody ContactDetails details) {
        Contact contact = book.add(accountId, new NewContact(details.name(), Level.valueOf(details.level()),
                details.role(), details.email(), details.phone()));
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}")
                .buildAndExpand(contact.id()).toUri();
        return ResponseEntity.created(location).body(contact);
    }

    @PreAuthorize(Roles.ACCOUNT_TEAM)
    @GetMapping
    List<Contact> list(@PathVariable String accountId) {
        return book.list(accountId);
    }

    @PreAuthorize(Roles.ACCOUNT_TEAM)
    @GetMapping("/{contactId}")
    Contact get(@PathVariable String accountId, @PathVariable UUID contactId) {
        return book.find(accountId, contactId)
                .orElseThrow(() -> new NotFoundException("No contact " + contactId + " at account " + accountId));
    }

    /**
     * The level is read as text and checked here, so an unknown level is reported on the field
     * {@code level} like any other invalid field, with the accepted values.
     */
    record ContactDetails(
            @NotBlank @Size(max = 200) String name,
            @NotNull @Pattern(regexp = Level.ANY_NAME, message = "must be one of " + Level.NAMES) String level,
            @Size(max = 200) String role,
            @Email @Size(max = 254) String email,
            @Size(max = 50) String phone) {
    }
}
