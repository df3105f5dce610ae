package org.kam.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The AsyncAPI document and the JSON Schemas under infra/contracts agree with each other and with the naming rules. */
class EventCatalogueTest {

    private static final Path CONTRACTS = Path.of("../contracts");

    @Test
    @SuppressWarnings("unchecked")
    void everyTopicIsNamedKamStreamVersion() throws IOException {
        Map<String, Object> channels = (Map<String, Object>) asyncApi().get("channels");

        assertThat(channels).isNotEmpty();
        channels.values().forEach(channel -> assertThat((String) ((Map<String, Object>) channel).get("address"))
                .matches("kam(\\.[a-z][a-z0-9-]*)+\\.v[0-9]+"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyMessageNamesASchemaThatExistsAndEverySchemaIsInTheCatalogue() throws IOException {
        Map<String, Object> messages = (Map<String, Object>) ((Map<String, Object>) asyncApi().get("components")).get("messages");
        List<String> referenced = messages.values().stream()
                .map(m -> (String) ((Map<String, Object>) ((Map<String, Object>) m).get("payload")).get("$ref"))
                .map(ref -> ref.replace("./schemas/", ""))
                .sorted().toList();

        List<String> onDisk;
        try (Stream<Path> files = Files.list(CONTRACTS.resolve("schemas"))) {
            onDisk = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(referenced).containsExactlyElementsOf(onDisk);
    }

    @Test
    void everySchemaDemandsAnEventIdAndRejectsADocumentWithoutOne() {
        for (String schema : List.of("sale.v1.schema.json", "tier-changed.v1.schema.json",
                "reservation-changed.v1.schema.json", "notification-issued.v1.schema.json", "contact-added.v1.schema.json")) {
            assertThat(EventContracts.violations(schema, "{}")).as(schema)
                    .anySatisfy(violation -> assertThat(violation).contains("eventId"));
        }
    }

    @Test
    void aSaleAsTheIssueDescribesItConformsAndABadOneDoesNot() {
        String sale = """
                {"eventId":"6f1c2b9e-3d4a-4b5c-9d8e-7f6a5b4c3d2e","accountId":"C-1","orderId":"O-1","sku":"S-1",
                 "quantity":3,"amount":120.10,"currency":"EUR","occurredAt":"2026-03-01T10:15:30Z"}""";

        EventContracts.assertConforms("sale.v1.schema.json", sale);
        assertThat(EventContracts.violations("sale.v1.schema.json", sale.replace("\"quantity\":3", "\"quantity\":0")))
                .singleElement().asString().contains("quantity");
    }

    private static Map<String, Object> asyncApi() throws IOException {
        try (InputStream in = Files.newInputStream(CONTRACTS.resolve("asyncapi.yaml"))) {
            return new Yaml().load(in);
        }
    }
}
