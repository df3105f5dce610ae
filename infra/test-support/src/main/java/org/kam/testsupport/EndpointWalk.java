package org.kam.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Walks every {@code /api/**} endpoint a service maps and checks its role rule from the outside: no
 * token → 401; a token without any role, and one with a role the rule does not name → 403; a token
 * with an allowed role → neither. An endpoint without a rule fails the walk, so one added without
 * deciding who may use it fails the build.
 */
public final class EndpointWalk {

    private static final String[] ROLES = { "ADMIN", "SALES", "KAM", "KAM_LEAD", "SUPPLY", "ANALYST" };

    private EndpointWalk() {
    }

    /** One endpoint as walked: method, path, the roles its rule allows. */
    public record Endpoint(String method, String path, Set<String> allowed) {
    }

    /** Walks {@code mapping}'s endpoints; {@code rules} tells which roles a handler allows. */
    public static List<Endpoint> check(RequestMappingHandlerMapping mapping, int port,
            Function<HandlerMethod, Optional<Set<String>>> rules) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<Endpoint> walked = new ArrayList<>();
        List<String> withoutRule = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
            HandlerMethod handler = entry.getValue();
            for (String pattern : entry.getKey().getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                Set<RequestMethod> methods = entry.getKey().getMethodsCondition().getMethods();
                String method = methods.isEmpty() ? "GET" : methods.iterator().next().name();
                Optional<Set<String>> allowed = rules.apply(handler);
                if (allowed.isEmpty()) {
                    withoutRule.add(method + " " + pattern);
                    continue;
                }
                String path = concrete(pattern, handler);
                String contentType = entry.getKey().getConsumesCondition().getConsumableMediaTypes().stream()
                        .findFirst().map(Object::toString).orElse("application/json");
                Endpoint endpoint = new Endpoint(method, path, allowed.get());
                walked.add(endpoint);

                assertThat(status(http, port, endpoint, contentType, null))
                        .as("%s %s without a token", method, path).isEqualTo(401);
                assertThat(status(http, port, endpoint, contentType, TestTokens.bearer()))
                        .as("%s %s with a token holding no role", method, path).isEqualTo(403);
                Arrays.stream(ROLES).filter(role -> !allowed.get().contains(role)).findFirst().ifPresent(role ->
                        assertThat(status(http, port, endpoint, contentType, TestTokens.bearer(role)))
                                .as("%s %s with role %s, which its rule %s does not name", method, path, role,
                                        allowed.get())
                                .isEqualTo(403));
                String role = allowed.get().iterator().next();
                assertThat(status(http, port, endpoint, contentType, TestTokens.bearer(role)))
                        .as("%s %s with role %s, which its rule allows", method, path, role)
                        .isNotIn(401, 403);
            }
        }
        assertThat(withoutRule).as("endpoints without a role rule (@PreAuthorize)").isEmpty();
        return walked;
    }

    private static String concrete(String pattern, HandlerMethod handler) {
        String path = pattern;
        for (MethodParameter parameter : handler.getMethodParameters()) {
            PathVariable variable = parameter.getParameterAnnotation(PathVariable.class);
            if (variable == null) {
                continue;
            }
            String name = !variable.name().isEmpty() ? variable.name()
                    : !variable.value().isEmpty() ? variable.value() : parameter.getParameterName();
            String value = parameter.getParameterType() == UUID.class ? UUID.randomUUID().toString() : "WALK-1";
            path = path.replace("{" + name + "}", value);
        }
        return path.replaceAll("\\{[^}]+}", "WALK-1");
    }

    private static int status(HttpClient http, int port, Endpoint endpoint, String contentType, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + endpoint.path()))
                .timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        String body = contentType.startsWith("text/csv") ? "id\n" : "{}";
        switch (endpoint.method()) {
            case "GET" -> request.GET();
            case "DELETE" -> request.DELETE();
            default -> request.header("Content-Type", contentType)
                    .method(endpoint.method(), HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot reach " + endpoint.path(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
