package org.kam.insight.dashboard.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.kam.chassis.security.ApiSecurity;
import org.kam.chassis.security.Roles;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Two ways in. The dashboard's pages: a person signs in (OAuth2 login against the configured
 * provider) and gets a session. The API: a bearer token as in every service, or that session, so the
 * pages call the same endpoints with the same role rules.
 */
@Configuration
@EnableConfigurationProperties(SignInSettings.class)
class DashboardSecurity {

    static final String[] PAGES = { "/", "/dashboard", "/dashboard/**", "/webjars/**", "/oauth2/**", "/login/**",
            "/logout" };

    @Bean
    @Order(1)
    SecurityFilterChain dashboardPagesSecurity(HttpSecurity http, SignInSettings settings) throws Exception {
        http.securityMatcher(PAGES)
                .csrf(csrf -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler()))
                .addFilterAfter(new CsrfCookie(), CsrfFilter.class)
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'")));
        if (!settings.configured()) {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().denyAll())
                    .exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, e) -> page(response,
                            503, "The dashboard needs a sign-in provider",
                            "Set KAM_OIDC_ISSUER_URI, KAM_OIDC_CLIENT_ID and KAM_OIDC_CLIENT_SECRET to your OpenID Connect "
                                    + "provider (./kam up does this for its development sign-in).")))
                    .build();
        }
        ClientRegistrationRepository registrations = new SignInProvider(settings);
        return http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/webjars/**", "/dashboard/signed-out.html").permitAll()
                        .anyRequest().hasAnyRole(Roles.ALL))
                .oauth2Login(login -> login.clientRegistrationRepository(registrations)
                        .loginPage("/oauth2/authorization/" + SignInProvider.REGISTRATION)
                        .userInfoEndpoint(user -> user.oidcUserService(new SignedInPeople(settings.rolesClaim())))
                        .defaultSuccessUrl("/dashboard/", false))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/dashboard/signed-out.html"))
                .exceptionHandling(errors -> errors.accessDeniedHandler((request, response, e) -> page(response, 403,
                        "No KAM role", "You are signed in, but your account holds none of the KAM roles ("
                                + String.join(", ", Roles.ALL) + "). Ask your administrator for one.")))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
        return ApiSecurity.filterChain(http, true);
    }

    private static void page(HttpServletResponse response, int status, String title, String text) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.getOutputStream().write(("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title
                + "</title></head><body style=\"font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto\"><h1>"
                + title + "</h1><p>" + text + "</p></body></html>").getBytes(StandardCharsets.UTF_8));
    }

    /** Reads the CSRF token on every page request, so its cookie is set for the page's script to send back. */
    private static final class CsrfCookie extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
            if (token != null) {
                token.getToken();
            }
            chain.doFilter(request, response);
        }
    }
}
