package org.kam.insight.dashboard.web;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.kam.chassis.security.Roles;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Who signed in, with the KAM roles their ID token names (the configured claim) as {@code ROLE_*}
 * authorities, the same ones a bearer token gives: the endpoints' rules apply unchanged. Roles the
 * KAM services do not know are left out.
 */
final class SignedInPeople implements OAuth2UserService<OidcUserRequest, OidcUser> {

    private final OidcUserService delegate = new OidcUserService();
    private final String rolesClaim;

    SignedInPeople(String rolesClaim) {
        this.rolesClaim = rolesClaim;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser user = delegate.loadUser(request);
        Set<GrantedAuthority> authorities = new LinkedHashSet<>();
        for (String role : roles(user.getClaims(), rolesClaim)) {
            authorities.add(new SimpleGrantedAuthority("ROLE_" + role));
        }
        return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(),
                user.getClaims().containsKey("preferred_username") ? "preferred_username" : "sub");
    }

    /** The KAM roles found at {@code path} (dots walk into nested claims). */
    static List<String> roles(Map<String, Object> claims, String path) {
        Object value = claims;
        for (String step : path.split("\\.")) {
            value = value instanceof Map<?, ?> map ? map.get(step) : null;
        }
        Collection<?> named = value instanceof Collection<?> collection ? collection
                : value instanceof String text ? Arrays.asList(text.split("[\\s,]+")) : List.of();
        Set<String> known = Set.of(Roles.ALL);
        return named.stream().map(String::valueOf).filter(known::contains).distinct().toList();
    }
}
