package org.kam.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docs/events.md is the AsyncAPI catalogue rendered for people: each stream with who publishes and who
 * consumes it, each message with its fields, types, bounds and meaning, read from
 * infra/contracts/asyncapi.yaml and the JSON Schemas. It is written from them and must not drift:
 * after a contract change, {@code ./mvnw -B -ntp verify -pl infra/test-support -Dkam.events.write=true}.
 */
class EventCataloguePageTest {

    private static final Path CONTRACTS = Path.of("../contracts");
    private static final Path PAGE = Path.of("../../docs/events.md");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theEventCataloguePageIsTheOneTheContractsMake() throws IOException {
        String page = render();
        if (Boolean.getBoolean("kam.events.write")) {
            Files.writeString(PAGE, page);
        }
        assertThat(PAGE).as("docs/events.md; rewrite it with -Dkam.events.write=true").exists();
        assertThat(Files.readString(PAGE)).as("docs/events.md is stale; rewrite it with -Dkam.events.write=true")
                .isEqualTo(page);
    }

    @SuppressWarnings("unchecked")
    static String render() throws IOException {
        Map<String, Object> api = new Yaml().load(Files.readString(CONTRACTS.resolve("asyncapi.yaml")));
        Map<String, Map<String, Object>> channels = (Map<String, Map<String, Object>>) api.get("channels");
        Map<String, Map<String, Object>> operations = (Map<String, Map<String, Object>>) api.get("operations");
        Map<String, Map<String, Object>> messages = (Map<String, Map<String, Object>>) ((Map<String, Object>) api
                .get("components")).get("messages");
        Map<String, Object> info = (Map<String, Object>) api.get("info");

        StringBuilder md = new StringBuilder();
        md.append("# Event catalogue\n\n")
                .append("<!-- Written by EventCataloguePageTest from infra/contracts/asyncapi.yaml and its JSON Schemas; do not edit. -->\n\n")
                .append(((String) info.getOrDefault("description", "")).trim()).append("\n\n")
                .append("A record written inside a trace also carries `traceparent` (ADR 12). The JSON Schemas under ")
                .append("`infra/contracts/schemas` are the contract; this page is how to read them.\n\n| Stream | Key | Messages | Published by | Consumed by |\n|---|---|---|---|---|\n");
        List<String> sections = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> channel : channels.entrySet()) {
            String address = (String) channel.getValue().get("address");
            Map<String, Object> channelMessages = (Map<String, Object>) channel.getValue().getOrDefault("messages", Map.of());
            Map<String, List<String>> who = new TreeMap<>();
            operations.forEach((name, operation) -> {
                String ref = ((Map<String, String>) operation.get("channel")).get("$ref");
                if (ref.equals("#/channels/" + channel.getKey())) {
                    String service = "send".equals(operation.get("action"))
                            ? ((String) operation.getOrDefault("summary", name)).split(" ")[0]
                            : name.contains("Receives")
                                    ? name.substring(0, name.indexOf("Receives")).replaceAll("([A-Z])", "-$1").toLowerCase()
                                    : name;
                    List<String> list = who.computeIfAbsent((String) operation.get("action"), a -> new ArrayList<>());
                    if (!list.contains(service)) {
                        list.add(service);
                    }
                }
            });
            List<String> names = new ArrayList<>(channelMessages.keySet());
            String key = names.isEmpty() ? "" : keyOf(messages.get(names.get(0)));
            md.append("| [`").append(address).append("`](#").append(address.replace(".", "")).append(") | ").append(key)
                    .append(" | ").append(String.join(", ", names)).append(" | ")
                    .append(String.join(", ", who.getOrDefault("send", List.of()))).append(" | ")
                    .append(String.join(", ", who.getOrDefault("receive", List.of()))).append(" |\n");

            StringBuilder section = new StringBuilder("## ").append(address).append("\n\n")
                    .append(((String) channel.getValue().getOrDefault("description", "")).trim()).append("\n\n");
            for (String message : names) {
                Map<String, Object> definition = messages.get(message);
                String schemaFile = ((Map<String, String>) definition.get("payload")).get("$ref").replace("./schemas/", "");
                JsonNode schema = JSON.readTree(Files.readString(CONTRACTS.resolve("schemas").resolve(schemaFile)));
                section.append("### ").append(message).append("\n\n").append(schema.path("description").asString("").trim())
                        .append(" Schema: [`").append(schemaFile).append("`](../infra/contracts/schemas/").append(schemaFile)
                        .append(").\n\n| Field | Type | Required | Bounds | Meaning |\n|---|---|---|---|---|\n");
                List<String> required = new ArrayList<>();
                schema.path("required").forEach(r -> required.add(r.asString()));
                schema.path("properties").properties().forEach(field -> section.append("| `").append(field.getKey())
                        .append("` | ").append(type(field.getValue())).append(" | ")
                        .append(required.contains(field.getKey()) ? "yes" : "").append(" | ").append(bounds(field.getValue()))
                        .append(" | ").append(field.getValue().path("description").asString("").replace("|", "\\|"))
                        .append(" |\n"));
                section.append('\n');
            }
            sections.add(section.toString());
        }
        md.append('\n');
        sections.forEach(md::append);
        return md.toString().replaceAll("\n{3,}", "\n\n");
    }

    @SuppressWarnings("unchecked")
    private static String keyOf(Map<String, Object> message) {
        Object bindings = message.get("bindings");
        if (bindings instanceof Map<?, ?> map && map.get("kafka") instanceof Map<?, ?> kafka
                && kafka.get("key") instanceof Map<?, ?> key) {
            return String.valueOf(((Map<String, Object>) key).getOrDefault("description", ""));
        }
        return "";
    }

    private static String type(JsonNode field) {
        JsonNode type = field.path("type");
        String text = type.isArray() ? String.join(" or ", type.valueStream().map(JsonNode::asString).toList())
                : type.asString("");
        if (field.has("format")) {
            text += " (" + field.path("format").asString() + ")";
        }
        if (field.has("enum")) {
            text += ": " + String.join(", ", field.path("enum").valueStream().map(v -> v.isNull() ? "null" : v.asString()).toList());
        }
        if (field.has("items") && field.path("items").has("type")) {
            text += " of " + type(field.path("items"));
        }
        return text.isEmpty() ? "any" : text;
    }

    private static String bounds(JsonNode field) {
        List<String> bounds = new ArrayList<>();
        for (String name : List.of("minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
                "minItems", "maxItems", "pattern")) {
            if (field.has(name)) {
                bounds.add(name + " " + field.path(name).asString().replace("|", "\\|"));
            }
        }
        return String.join(", ", bounds);
    }
}
