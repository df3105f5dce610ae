package org.kam.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import tools.jackson.databind.JsonNode;

/**
 * A service's OpenAPI document, as it serves it, is the one checked in under
 * {@code infra/contracts/openapi/<service>.yaml}: a changed endpoint shows as a changed contract in
 * review. After an intended change, rewrite the copy and read the diff:
 * {@code ./mvnw -B -ntp verify -pl <service> -Dit.test=OpenApiDocumentIT -Dkam.openapi.write=true}.
 * A service's {@code OpenApiDocumentIT} extends this with its name.
 */
public abstract class OpenApiDocumentContract extends ServiceIntegrationTest {

    private static final Set<String> DOCUMENTED_METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private final String service;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mapping;

    protected OpenApiDocumentContract(String service) {
        this.service = service;
    }

    @Test
    void theServedOpenApiDocumentIsTheCheckedInOne() throws IOException {
        TestApi.Response served = api.get("/v3/api-docs.yaml");
        assertThat(served.status()).as("GET /v3/api-docs.yaml without a token").isEqualTo(200);
        Path checkedIn = contracts().resolve(service + ".yaml");
        Path copy = Path.of("target", "openapi", service + ".yaml");
        Files.createDirectories(copy.getParent());
        Files.writeString(copy, served.body());
        if (Boolean.getBoolean("kam.openapi.write")) {
            Files.writeString(checkedIn, served.body());
        }
        assertThat(checkedIn).as("the checked-in OpenAPI document").exists();
        String difference = firstDifference(Files.readString(checkedIn), served.body());
        if (difference != null) {
            fail("""
                    %s serves another OpenAPI document than %s (served copy: %s).
                    %s
                    If the change is intended, rewrite the copy with -Dkam.openapi.write=true and review its diff."""
                    .formatted(service, checkedIn, copy.toAbsolutePath(), difference));
        }
    }

    @Test
    void everyApiEndpointIsDescribedWithTheRolesItsRuleAllows() {
        JsonNode document = api.get("/v3/api-docs").json();

        Set<String> described = new TreeSet<>();
        List<String> withoutRoles = new ArrayList<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            String endpoint = operation.getKey().toUpperCase() + " " + path.getKey();
            described.add(endpoint);
            JsonNode roles = operation.getValue().path("x-kam-roles");
            if (!roles.isArray() || roles.isEmpty()) {
                withoutRoles.add(endpoint);
            }
        }));

        assertThat(described).as("the operations of the document").isEqualTo(apiEndpoints());
        assertThat(withoutRoles).as("operations without their roles").isEmpty();
    }

    @Test
    void swaggerUiIsServedForPeopleReadingTheApi() {
        TestApi.Response page = api.get("/swagger-ui/index.html");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
    }

    /** Every {@code /api/**} handler as "METHOD /path", path variables as OpenAPI writes them. */
    private Set<String> apiEndpoints() {
        Set<String> endpoints = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            for (String path : info.getPatternValues()) {
                if (!path.startsWith("/api/")) {
                    continue;
                }
                String openApiPath = path.replaceAll("\\{([^}:]+)(:[^}]*)?}", "{$1}");
                var methods = info.getMethodsCondition().getMethods();
                if (methods.isEmpty()) {
                    DOCUMENTED_METHODS.forEach(m -> endpoints.add(m + " " + openApiPath));
                }
                methods.forEach(m -> endpoints.add(m.name() + " " + openApiPath));
            }
        }
        return endpoints;
    }

    /** The repository's {@code infra/contracts/openapi}, found from the module a test runs in. */
    private static Path contracts() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("infra/contracts"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("No infra/contracts above " + Path.of("").toAbsolutePath());
        }
        Path openapi = dir.resolve("infra/contracts/openapi");
        try {
            return Files.createDirectories(openapi);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first differing line with three lines around it, or null when both texts are the same. */
    static String firstDifference(String expected, String actual) {
        if (expected.equals(actual)) {
            return null;
        }
        List<String> want = expected.lines().toList();
        List<String> got = actual.lines().toList();
        int line = 0;
        while (line < want.size() && line < got.size() && want.get(line).equals(got.get(line))) {
            line++;
        }
        StringBuilder text = new StringBuilder("First difference at line " + (line + 1) + ":\n");
        for (int i = Math.max(0, line - 3); i <= line + 3; i++) {
            String w = i < want.size() ? want.get(i) : "<end>";
            String g = i < got.size() ? got.get(i) : "<end>";
            text.append(w.equals(g) ? "    " + w : "  - " + w + "\n  + " + g).append('\n');
            if (i >= want.size() && i >= got.size()) {
                break;
            }
        }
        return text.toString();
    }
}
