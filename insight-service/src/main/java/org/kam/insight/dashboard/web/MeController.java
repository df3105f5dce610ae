package org.kam.insight.dashboard.web;

import java.util.List;

import org.kam.chassis.security.Roles;
import org.kam.insight.dashboard.Section;
import org.kam.insight.notification.Department;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class MeController {

    /** Who is calling, with their roles, the dashboard sections they see and the departments whose feed they follow first. */
    @PreAuthorize(Roles.STAFF)
    @GetMapping("/api/v1/me")
    Me me(Authentication caller) {
        List<String> roles = caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith("ROLE_")).map(authority -> authority.substring(5)).toList();
        String name = caller.getPrincipal() instanceof OidcUser person && person.getFullName() != null
                ? person.getFullName() : caller.getName();
        return new Me(caller.getName(), name, roles, Section.visibleTo(roles), departments(roles));
    }

    /** Supply people follow production and transport; everyone else every department. */
    private static List<Department> departments(List<String> roles) {
        boolean supplyOnly = roles.stream().allMatch("SUPPLY"::equals);
        return supplyOnly ? List.of(Department.PRODUCTION, Department.TRANSPORT) : List.of(Department.values());
    }

    /** @param username the token's subject or the signed-in person's username; @param name how to greet them */
    record Me(String username, String name, List<String> roles, List<Section> sections, List<Department> departments) {
    }
}
