package org.kam.chassis.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import org.kam.chassis.ChassisProperties;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.io.Resource;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;

/**
 * Every {@code /api/**} call needs a bearer JWT; the token's {@code roles} claim becomes the
 * caller's roles ({@code ROLE_*}) for {@code @PreAuthorize} checks. Health, info and the
 * Prometheus scrape stay open for probes, the OpenAPI document and Swagger UI for readers;
 * everything else is denied.
 */
public final class ApiSecurity {

    public static final String ROLES_CLAIM = "roles";

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private ApiSecurity() {
    }

    public static SecurityFilterChain filterChain(HttpSecurity http) throws Exception {
        return filterChain(http, false);
    }

    /**
     * As {@link #filterChain(HttpSecurity)}, and with {@code signedInSessions} the API also serves
     * people signed in to a service's own pages (insight-service's dashboard): their session, made by
     * the page's login, authenticates calls without a bearer token. Such calls carry a cookie, so a
     * changing one needs the CSRF token the page got (cookie {@code XSRF-TOKEN}, header
     * {@code X-XSRF-TOKEN}); bearer calls and calls without a session need none. The API itself never
     * starts a session.
     */
    public static SecurityFilterChain filterChain(HttpSecurity http, boolean signedInSessions) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/actuator/prometheus", "/error")
                        .permitAll()
                        // The API's description (OpenAPI, Swagger UI) is no secret; its calls still need roles.
                        // KAM_OPENAPI_ENABLED=false removes it where even that should not show.
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html",
                                "/swagger-ui/**")
                        .permitAll()
                        // A token without any KAM role gets nothing; each endpoint then names its own roles.
                        .requestMatchers("/api/**").hasAnyRole(Roles.ALL)
                        .anyRequest().denyAll())
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.jwtAuthenticationConverter(rolesFromClaim())));
        if (!signedInSessions) {
            // Stateless bearer-token API: no cookies, so no cross-site request forgery to defend.
            return http.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                    .csrf(csrf -> csrf.disable())
                    .build();
        }
        return http.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .csrf(csrf -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(request -> !SAFE_METHODS.contains(request.getMethod())
                                && request.getHeader("Authorization") == null && request.getSession(false) != null))
                .build();
    }

    static Converter<Jwt, AbstractAuthenticationToken> rolesFromClaim() {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName(ROLES_CLAIM);
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(roles);
        return converter;
    }

    public static JwtDecoder jwtDecoder(ChassisProperties.Jwt settings) {
        if (settings.issuerUri() != null && !settings.issuerUri().isBlank()) {
            JwtDecoder decoder = JwtDecoders.fromIssuerLocation(settings.issuerUri());
            if (decoder instanceof NimbusJwtDecoder nimbus) {
                nimbus.setJwtValidator(validator(JwtValidators.createDefaultWithIssuer(settings.issuerUri()),
                        settings.audience()));
            }
            return decoder;
        }
        if (settings.publicKeyLocation() != null) {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(readPublicKey(settings.publicKeyLocation())).build();
            String issuer = settings.issuer() == null || settings.issuer().isBlank() ? "kam-local" : settings.issuer();
            decoder.setJwtValidator(validator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
                    new JwtIssuerValidator(issuer)), settings.audience()));
            return decoder;
        }
        throw new IllegalStateException("""
                No token issuer is configured, and the API never runs unauthenticated.
                Set KAM_JWT_ISSUER_URI to your OpenID provider, or KAM_JWT_PUBLIC_KEY_LOCATION to a PEM \
                public key (the local stack generates one under .kam-data/).""");
    }

    /**
     * A token meant for another application of the same issuer must not open this one: when an
     * audience is configured ({@code KAM_JWT_AUDIENCE}, "kam" by default), {@code aud} must contain it.
     */
    static OAuth2TokenValidator<Jwt> validator(OAuth2TokenValidator<Jwt> base, String audience) {
        if (audience == null || audience.isBlank()) {
            return base;
        }
        OAuth2TokenValidator<Jwt> audienceCheck = new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                aud -> aud != null && aud.contains(audience));
        return new DelegatingOAuth2TokenValidator<>(base, audienceCheck);
    }

    private static RSAPublicKey readPublicKey(Resource location) {
        try (InputStream in = location.getInputStream()) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "")
                    .replaceAll("\\s", "");
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException | java.security.GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot read the JWT public key at " + location + ": " + e.getMessage(), e);
        }
    }
}
