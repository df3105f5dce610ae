package org.kam.chassis.security;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Checks an endpoint's {@code @PreAuthorize} roles before anything of the request is read, so a
 * caller without the role gets 403 whatever the body holds (method security alone would answer 400
 * to a bad body first). An {@code /api/**} endpoint without a rule is denied to everyone: a new
 * endpoint is closed until someone writes down who may use it.
 */
public final class EndpointRoles implements HandlerInterceptor {

    private static final Pattern RULE = Pattern.compile("hasRole\\('([A-Z_]+)'\\)|hasAnyRole\\(([^)]*)\\)");

    /** The roles {@code handler}'s rule allows, or empty when it has none this class understands. */
    public static Optional<Set<String>> allowed(HandlerMethod handler) {
        PreAuthorize rule = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), PreAuthorize.class);
        if (rule == null) {
            rule = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), PreAuthorize.class);
        }
        if (rule == null) {
            return Optional.empty();
        }
        Matcher m = RULE.matcher(rule.value().trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        if (m.group(1) != null) {
            return Optional.of(Set.of(m.group(1)));
        }
        Set<String> roles = new LinkedHashSet<>();
        Arrays.stream(m.group(2).split(",")).map(r -> r.trim().replace("'", "")).forEach(roles::add);
        return Optional.of(roles);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || !request.getRequestURI().startsWith("/api/")) {
            return true;
        }
        Set<String> allowed = allowed(method).orElseThrow(() -> new AccessDeniedException(
                "no role rule on " + method.getShortLogMessage() + ": denied until one is written"));
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        boolean permitted = caller != null && caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(authority -> authority.startsWith("ROLE_") && allowed.contains(authority.substring(5)));
        if (!permitted) {
            throw new AccessDeniedException("needs one of the roles " + allowed);
        }
        return true;
    }
}
