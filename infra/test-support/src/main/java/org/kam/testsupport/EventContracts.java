package org.kam.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * The event contracts under {@code infra/contracts/schemas}: a service's contract test checks every
 * event it publishes against the JSON Schema of that event type, so a producer cannot drift from
 * what its consumers were promised.
 */
public final class EventContracts {

    // Formats are assertions here, not annotations: "yesterday" is not a date-time, as the readers say.
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(com.networknt.schema.SchemaRegistryConfig.builder()
                    .formatAssertionsEnabled(true).build()));
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private EventContracts() {
    }

    /** Asserts that {@code json} conforms to {@code schemas/<schemaFile>}, e.g. "tier-changed.v1.schema.json". */
    public static void assertConforms(String schemaFile, String json) {
        List<Error> errors = schema(schemaFile).validate(json, InputFormat.JSON);
        assertThat(errors).as("%s violates %s", json, schemaFile).isEmpty();
    }

    /** The violations of {@code json} against the schema; empty when it conforms. */
    public static List<String> violations(String schemaFile, String json) {
        return schema(schemaFile).validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
    }

    private static Schema schema(String schemaFile) {
        return SCHEMAS.computeIfAbsent(schemaFile, file -> {
            try (InputStream in = EventContracts.class.getResourceAsStream("/contracts/schemas/" + file)) {
                if (in == null) {
                    throw new IllegalArgumentException("No contract schemas/" + file + " under infra/contracts");
                }
                return REGISTRY.getSchema(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
