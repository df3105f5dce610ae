package org.kam.chassis.web;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.kam.chassis.security.EndpointRoles;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;

/**
 * Each service's OpenAPI 3 document ({@code /v3/api-docs}, {@code /v3/api-docs.yaml}; Swagger UI at
 * {@code /swagger-ui.html}), made by springdoc from the controllers themselves. A copy is checked in
 * under {@code infra/contracts/openapi/}, and each service's {@code OpenApiDocumentIT} fails when the
 * served document and that copy differ, so a changed endpoint is a reviewed change of the contract.
 * <p>
 * The document is stable across runs and hosts: a relative server, keys in order, and each operation
 * names the roles its {@code @PreAuthorize} rule allows, read by the same {@link EndpointRoles} that
 * enforces them.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocuments {

    static final String BEARER = "bearer-jwt";
    static final String PROBLEM = "Problem";

    @Bean
    OpenAPI kamOpenApi(@Value("${spring.application.name}") String application,
            @Value("${kam.openapi.description:}") String description) {
        return new OpenAPI()
                .info(new Info().title(application).version("v1")
                        .description(description.isBlank() ? null : description)
                        .license(new License().name("Apache-2.0")))
                // Relative: the document is the same whichever host and port serve it.
                .servers(List.of(new Server().url("/")))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("A JWT from the configured issuer whose `roles` claim names KAM roles "
                                + "(locally: `./kam token ROLE...`)."))
                        .addSchemas(PROBLEM, problemSchema())
                        .addResponses("BadRequest", problem("A field is missing, malformed or out of bounds; `errors` names it."))
                        .addResponses("Unauthorized", problem("No bearer token, or one this service does not accept."))
                        .addResponses("Forbidden", problem("The token's roles do not include one this endpoint allows.")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /**
     * "Roles: A, B" on every operation, and the same list as {@code x-kam-roles} for tools; and the
     * answers every endpoint can give besides its own (ApiProblems): 400 when it reads input, 401, 403.
     */
    @Bean
    OperationCustomizer kamRoles() {
        return (operation, handler) -> {
            ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
            boolean readsInput = operation.getRequestBody() != null
                    || (operation.getParameters() != null && !operation.getParameters().isEmpty());
            if (readsInput) {
                responses.putIfAbsent("400", new ApiResponse().$ref("#/components/responses/BadRequest"));
            }
            responses.putIfAbsent("401", new ApiResponse().$ref("#/components/responses/Unauthorized"));
            responses.putIfAbsent("403", new ApiResponse().$ref("#/components/responses/Forbidden"));
            operation.setResponses(responses);
            EndpointRoles.allowed(handler).ifPresent(roles -> {
                Set<String> sorted = new TreeSet<>(roles);
                String line = "Roles: " + String.join(", ", sorted) + ".";
                operation.setDescription(operation.getDescription() == null ? line
                        : operation.getDescription() + "\n\n" + line);
                operation.addExtension("x-kam-roles", List.copyOf(sorted));
            });
            return operation;
        };
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType("application/problem+json",
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
    }

    /** RFC 9457 problem details as ApiProblems writes them. */
    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        ObjectSchema fieldProblem = new ObjectSchema();
        fieldProblem.addProperty("field", new StringSchema().description("The field, as a JSON path (`$` for the body)."));
        fieldProblem.addProperty("message", new StringSchema());
        ObjectSchema schema = new ObjectSchema();
        schema.description("RFC 9457 problem details.");
        schema.addProperty("type", new StringSchema().format("uri"));
        schema.addProperty("title", new StringSchema());
        schema.addProperty("status", new IntegerSchema());
        schema.addProperty("detail", new StringSchema());
        schema.addProperty("instance", new StringSchema().format("uri"));
        schema.addProperty("errors", new ArraySchema().items(fieldProblem)
                .description("Each invalid field (400 only)."));
        return schema;
    }
}
