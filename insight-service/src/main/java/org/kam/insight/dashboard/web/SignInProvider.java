package org.kam.insight.dashboard.web;

import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;

/**
 * The one client registration ({@code kam}) of the configured provider, made from its discovery
 * document on first use rather than at start-up: an identity provider that is down must not keep
 * the service and its API from starting, and the sign-in works as soon as the provider answers.
 */
final class SignInProvider implements ClientRegistrationRepository {

    static final String REGISTRATION = "kam";
    private static final Logger log = LoggerFactory.getLogger(SignInProvider.class);

    private final SignInSettings settings;
    private final AtomicReference<ClientRegistration> registration = new AtomicReference<>();

    SignInProvider(SignInSettings settings) {
        this.settings = settings;
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        if (!REGISTRATION.equals(registrationId)) {
            return null;
        }
        ClientRegistration known = registration.get();
        if (known != null) {
            return known;
        }
        try {
            ClientRegistration discovered = ClientRegistrations.fromIssuerLocation(settings.issuerUri())
                    .registrationId(REGISTRATION)
                    .clientId(settings.clientId())
                    .clientSecret(settings.clientSecret())
                    .scope("openid", "profile")
                    .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                    .userNameAttributeName("preferred_username")
                    .build();
            registration.compareAndSet(null, discovered);
            return registration.get();
        } catch (RuntimeException e) {
            log.warn("The sign-in provider {} does not answer its discovery ({}); the dashboard cannot sign anyone in yet",
                    settings.issuerUri(), e.getMessage());
            throw e;
        }
    }
}
