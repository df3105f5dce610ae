package org.kam.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** infra/kafka/acls.sh lets each service write and read exactly what the AsyncAPI document says it does. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class KafkaAclsMatchTheContractsTest {

    private static final Pattern ENTRY = Pattern.compile("\\[([a-z-]+)]=\"([^\"]*)\"");
    private final Path repo = RepoRoot.find();

    @Test
    void each_service_may_write_the_streams_it_publishes_and_read_the_streams_it_consumes() throws IOException {
        Map<String, Set<String>> sends = new TreeMap<>();
        Map<String, Set<String>> receives = new TreeMap<>();
        readContract(sends, receives);

        assertThat(sends.keySet()).containsExactly("account-service", "insight-service", "relationship-service", "supply-service");
        String script = Files.readString(repo.resolve("infra/kafka/acls.sh"));
        assertThat(section(script, "writes")).isEqualTo(sends);
        assertThat(section(script, "reads")).isEqualTo(receives);
    }

    @SuppressWarnings("unchecked")
    private void readContract(Map<String, Set<String>> sends, Map<String, Set<String>> receives) throws IOException {
        Map<String, Object> asyncApi = new Yaml().load(Files.readString(repo.resolve("infra/contracts/asyncapi.yaml")));
        Map<String, Map<String, Object>> channels = (Map<String, Map<String, Object>>) asyncApi.get("channels");
        Map<String, Map<String, Object>> operations = (Map<String, Map<String, Object>>) asyncApi.get("operations");
        operations.forEach((name, operation) -> {
            String channel = ((Map<String, String>) operation.get("channel")).get("$ref").replace("#/channels/", "");
            String topic = (String) channels.get(channel).get("address");
            if (topic.startsWith("kam.dlq.")) {
                return;
            }
            if ("send".equals(operation.get("action"))) {
                String service = ((String) operation.get("summary")).split(" ")[0];
                sends.computeIfAbsent(service, s -> new TreeSet<>()).add(topic);
            } else {
                // accountServiceReceivesSales -> account-service
                String service = name.substring(0, name.indexOf("Receives")).replaceAll("([A-Z])", "-$1").toLowerCase();
                receives.computeIfAbsent(service, s -> new TreeSet<>()).add(topic);
            }
        });
    }

    private static Map<String, Set<String>> section(String script, String name) {
        String block = script.substring(script.indexOf("declare -A " + name + "=("));
        block = block.substring(0, block.indexOf("\n)"));
        Map<String, Set<String>> entries = new TreeMap<>();
        Matcher m = ENTRY.matcher(block);
        while (m.find()) {
            entries.put(m.group(1), new TreeSet<>(Set.of(m.group(2).split(" "))));
        }
        return entries;
    }
}
