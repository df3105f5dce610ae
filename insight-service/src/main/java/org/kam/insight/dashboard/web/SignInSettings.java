package org.kam.insight.dashboard.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where people sign in to the dashboard: an OpenID Connect provider (Keycloak, Entra ID, Okta, the
 * local stack's development sign-in, …) and this application's client there. Without an issuer the
 * dashboard says so and stays closed; the API is unaffected.
 *
 * @param issuerUri    the provider's issuer ({@code KAM_OIDC_ISSUER_URI}); its discovery document is read on first sign-in
 * @param clientId     this application's client id there ({@code KAM_OIDC_CLIENT_ID})
 * @param clientSecret its secret ({@code KAM_OIDC_CLIENT_SECRET})
 * @param rolesClaim   the ID-token claim holding the person's KAM roles, a dotted path for nested claims
 *                     (e.g. {@code realm_access.roles} for Keycloak realm roles; {@code KAM_OIDC_ROLES_CLAIM})
 */
@ConfigurationProperties("kam.dashboard.sign-in")
record SignInSettings(String issuerUri, String clientId, String clientSecret, String rolesClaim) {

    SignInSettings {
        rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim;
    }

    boolean configured() {
        return issuerUri != null && !issuerUri.isBlank();
    }
}
