package org.kam.relationship.contact;

import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ContactConfiguration {

    @Bean
    RoleCatalogue roleCatalogue(@Value("${kam.relationship.roles}") List<String> roles,
            @Value("${kam.relationship.extra-roles:}") List<String> extraRoles) {
        return new RoleCatalogue(roles, extraRoles.stream().filter(role -> !role.isBlank()).toList());
    }
}
