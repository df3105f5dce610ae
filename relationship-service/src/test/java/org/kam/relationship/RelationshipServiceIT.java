package org.kam.relationship;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kam.relationship.coverage.TierChangedJson;
import org.kam.testsupport.EventContracts;
import org.kam.testsupport.KafkaProbe;
import org.kam.testsupport.ServiceIntegrationTest;
import org.kam.testsupport.TestApi;

import tools.jackson.databind.JsonNode;

/**
 * relationship-service on a real Kafka broker and a real PostgreSQL. Every test uses account ids of
 * its own, so tests do not depend on each other's order.
 */
class RelationshipServiceIT extends ServiceIntegrationTest {

    private static final String T1 = "2026-03-02T09:00:00Z";
    private static final String T2 = "2026-03-09T09:00:00Z";

    @Test
    void anAccountThatBecomesKeyIsListedWithEveryLevelMissingUntilContactsFillThem() {
        String account = uniqueAccount("KEY");

        // when account-service announces that the account became KEY
        kafka.send(Topics.ACCOUNT_TIERS, account, TierChangedJson.change(account, "KEY", T1).json());

        // then it is listed as a key account the supplier knows nobody at
        JsonNode listed = awaitKeyAccount(account);
        assertThat(listed.get("since").asString()).isEqualTo(T1);
        assertThat(contacts(listed)).containsExactly(Map.entry("EXECUTIVE", 0), Map.entry("MANAGER", 0),
                Map.entry("FRONTLINE", 0));
        assertThat(missingLevels(listed)).containsExactly("EXECUTIVE", "MANAGER", "FRONTLINE");

        // when an account manager adds a warehouse keeper and a purchasing director
        addContact(account, "Piet Jansen", "FRONTLINE", "warehouse keeper");
        addContact(account, "Eva Lind", "EXECUTIVE", "purchasing director");

        // then only the middle management is still missing
        JsonNode partly = keyAccount(account).orElseThrow();
        assertThat(contacts(partly)).containsExactly(Map.entry("EXECUTIVE", 1), Map.entry("MANAGER", 0),
                Map.entry("FRONTLINE", 1));
        assertThat(missingLevels(partly)).containsExactly("MANAGER");

        // and once a manager is known too, nothing is missing
        addContact(account, "Jan de Vries", "MANAGER", "logistics manager");
        addContact(account, "Kim Bos", "FRONTLINE", "sales clerk");
        JsonNode covered = keyAccount(account).orElseThrow();
        assertThat(contacts(covered)).containsExactly(Map.entry("EXECUTIVE", 1), Map.entry("MANAGER", 1),
                Map.entry("FRONTLINE", 2));
        assertThat(missingLevels(covered)).isEmpty();
        assertThat(covered.get("since").asString()).isEqualTo(T1);
    }

    @Test
    void aContactIsStoredAndAnnouncedAsContactAddedWithoutItsContactDetails() {
        String account = uniqueAccount("CONTACT");

        // when an account manager adds a warehouse keeper
        TestApi.Response created = api.post("/api/v1/accounts/" + account + "/contacts", """
                {"name":"Piet Jansen","level":"FRONTLINE","title":"warehouse keeper",
                 "email":"piet.jansen@example.com","phone":"+31 20 555 0101"}""", "KAM");

        // then it is created, with a Location that finds it
        assertThat(created.status()).isEqualTo(201);
        JsonNode contact = created.json();
        String id = contact.get("id").asString();
        assertThat(contact.get("accountId").asString()).isEqualTo(account);
        assertThat(contact.get("name").asString()).isEqualTo("Piet Jansen");
        assertThat(contact.get("level").asString()).isEqualTo("FRONTLINE");
        assertThat(contact.get("title").asString()).isEqualTo("warehouse keeper");
        assertThat(contact.get("email").asString()).isEqualTo("piet.jansen@example.com");
        assertThat(contact.get("phone").asString()).isEqualTo("+31 20 555 0101");
        URI location = URI.create(created.header("Location"));
        assertThat(location.getPath()).isEqualTo("/api/v1/accounts/" + account + "/contacts/" + id);
        TestApi.Response found = api.get(location.getPath(), "KAM");
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json()).isEqualTo(contact);
        assertThat(api.get("/api/v1/accounts/" + account + "/contacts", "KAM").json().findValuesAsString("id"))
                .containsExactly(id);

        // and ContactAdded is published once, keyed by the account, conforming to the contract
        ConsumerRecord<String, String> added = kafka.awaitRecord(Topics.CONTACTS, r -> account.equals(r.key()));
        EventContracts.assertConforms("contact-added.v1.schema.json", added.value());
        assertThat(KafkaProbe.header(added, "kam-event-type")).isEqualTo("ContactAdded");
        JsonNode event = json(added.value());
        assertThat(event.get("contactId").asString()).isEqualTo(id);
        assertThat(event.get("accountId").asString()).isEqualTo(account);
        assertThat(event.get("level").asString()).isEqualTo("FRONTLINE");
        assertThat(event.get("role").asString()).isEqualTo("warehouse keeper");
        assertThat(event.get("name").asString()).isEqualTo("Piet Jansen");
        assertThat(Instant.parse(event.get("occurredAt").asString()))
                .isEqualTo(Instant.parse(contact.get("createdAt").asString()));
        assertThat(KafkaProbe.header(added, "kam-event-id")).isEqualTo(event.get("eventId").asString());
        assertThat(kafka.records(Topics.CONTACTS)).filteredOn(r -> account.equals(r.key())).hasSize(1);
    }

    @Test
    void aContactWithoutRoleOrContactDetailsIsAnnouncedWithANullRole() {
        String account = uniqueAccount("BARE");

        addContact(account, "Eva Lind", "EXECUTIVE", null);

        ConsumerRecord<String, String> added = kafka.awaitRecord(Topics.CONTACTS, r -> account.equals(r.key()));
        EventContracts.assertConforms("contact-added.v1.schema.json", added.value());
        assertThat(json(added.value()).get("role").isNull()).isTrue();
    }

    @Test
    void anAccountThatLeavesKeyDisappearsFromTheList() {
        String account = uniqueAccount("LEAVER");
        kafka.send(Topics.ACCOUNT_TIERS, account, TierChangedJson.change(account, "KEY", T1).json());
        awaitKeyAccount(account);
        addContact(account, "Eva Lind", "EXECUTIVE", "purchasing director");

        kafka.send(Topics.ACCOUNT_TIERS, account, TierChangedJson.change(account, "REGULAR", T2).json());

        await().atMost(Duration.ofSeconds(30)).until(() -> keyAccount(account).isEmpty());
        // its contacts stay: the relationship outlives the tier
        assertThat(api.get("/api/v1/accounts/" + account + "/contacts", "KAM").json().findValuesAsString("name"))
                .containsExactly("Eva Lind");
    }

    @Test
    void anAccountThatBecomesKeyAgainIsKeySinceItsReturn() {
        String account = uniqueAccount("RETURNER");
        kafka.send(Topics.ACCOUNT_TIERS, account, TierChangedJson.change(account, "KEY", T1).json());
        kafka.send(Topics.ACCOUNT_TIERS, account, TierChangedJson.change(account, "POTENTIAL", T2).json());
        kafka.send(Topics.ACCOUNT_TIERS, account, TierChangedJson.change(account, "KEY", "2026-03-16T09:00:00Z").json());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(keyAccount(account))
                .hasValueSatisfying(listed -> assertThat(listed.get("since").asString()).isEqualTo("2026-03-16T09:00:00Z")));
    }

    @Test
    void aRedeliveredTierChangeChangesNothing() {
        // given an account that became KEY and then left KEY
        String account = uniqueAccount("TWICE");
        String becameKey = TierChangedJson.change(account, "KEY", T1).json();
        kafka.send(Topics.ACCOUNT_TIERS, account, becameKey);
        kafka.send(Topics.ACCOUNT_TIERS, account, TierChangedJson.change(account, "REGULAR", T2).json());

        // when the first change is delivered again, followed by a marker on the same key (so the same
        // partition, processed after the redelivery) that makes another account KEY
        kafka.send(Topics.ACCOUNT_TIERS, account, becameKey);
        String marker = account + "-MARKER";
        kafka.send(Topics.ACCOUNT_TIERS, account, TierChangedJson.change(marker, "KEY", T2).json());

        // then once the marker is applied, the redelivery has been skipped: the account is not KEY again
        awaitKeyAccount(marker);
        assertThat(keyAccount(account)).isEmpty();
        assertThat(api.get("/actuator/prometheus").body())
                .containsPattern("kam_inbox_duplicates_skipped_total\\{[^}]*consumer=\"relationship-service.account-tiers\"");
    }

    @Test
    void anOlderTierChangeReplayedAfterANewerOneDoesNotOverwriteIt() {
        // given an account that became KEY (change 11) and then left KEY (change 12)
        String account = uniqueAccount("REPLAY");
        kafka.send(Topics.ACCOUNT_TIERS, account, TierChangedJson.change(account, "KEY", T1).withRaw("sequence", "11").json());
        kafka.send(Topics.ACCOUNT_TIERS, account, TierChangedJson.change(account, "REGULAR", T2).withRaw("sequence", "12").json());

        // when change 11 comes back under another event id (a re-driven dead letter, a replayed copy),
        // followed by a marker on the same key (so the same partition, processed after it)
        kafka.send(Topics.ACCOUNT_TIERS, account, TierChangedJson.change(account, "KEY", T1).withRaw("sequence", "11").json());
        String marker = account + "-MARKER";
        kafka.send(Topics.ACCOUNT_TIERS, account, TierChangedJson.change(marker, "KEY", T2).withRaw("sequence", "1").json());

        // then the newer change stands: the account is not KEY again
        awaitKeyAccount(marker);
        assertThat(keyAccount(account)).isEmpty();
    }

    @Test
    void aMalformedRecordGoesToTheDeadLetterTopicAndTheNextOneIsStillApplied() {
        // given a record that is not JSON, one with an unknown tier and one without asOf, then a good one
        String account = uniqueAccount("POISON");
        kafka.send(Topics.ACCOUNT_TIERS, account, "{not json");
        kafka.send(Topics.ACCOUNT_TIERS, account, TierChangedJson.change(account, "KEY", T1)
                .withRaw("to", "\"GOLD\"").json());
        kafka.send(Topics.ACCOUNT_TIERS, account, TierChangedJson.change(account, "KEY", T1).without("asOf").json());
        kafka.send(Topics.ACCOUNT_TIERS, account, TierChangedJson.change(account, "KEY", T1).json());

        // then the bad records are dead-lettered with the reason, naming the field
        var dead = kafka.awaitRecords(Topics.DEAD_LETTERS, 3, r -> account.equals(r.key()));
        assertThat(dead).extracting(r -> KafkaProbe.header(r, "x-exception-message"))
                .anySatisfy(reason -> assertThat(reason).contains("$: not valid JSON"))
                .anySatisfy(reason -> assertThat(reason).contains("to: must be one of KEY, POTENTIAL, REGULAR, was 'GOLD'"))
                .anySatisfy(reason -> assertThat(reason).contains("asOf: is required"));
        assertThat(dead).extracting(r -> KafkaProbe.header(r, "x-original-topic")).containsOnly(Topics.ACCOUNT_TIERS);

        // and the good change behind them was applied
        assertThat(awaitKeyAccount(account).get("since").asString()).isEqualTo(T1);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"level\":\"MANAGER\"}                                   | name  | must not be blank",
            "{\"name\":\"  \",\"level\":\"MANAGER\"}                   | name  | must not be blank",
            "{\"name\":\"Ann\"}                                        | level | must not be null",
            "{\"name\":\"Ann\",\"level\":\"CEO\"}                      | level | must be one of EXECUTIVE, MANAGER, FRONTLINE",
            "{\"name\":\"Ann\",\"level\":\"manager\"}                  | level | must be one of EXECUTIVE, MANAGER, FRONTLINE",
            "{\"name\":\"Ann\",\"level\":\"MANAGER\",\"email\":\"ann-at-example\"} | email | must be a well-formed email address" })
    void anInvalidContactIsRejectedWithAProblemNamingTheField(String body, String field, String message) {
        String account = uniqueAccount("INVALID");

        TestApi.Response response = api.post("/api/v1/accounts/" + account + "/contacts", body, "KAM");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("detail").asString()).isEqualTo(field + ": " + message);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo(field);
        assertThat(problem.get("errors").get(0).get("message").asString()).isEqualTo(message);
        assertThat(api.get("/api/v1/accounts/" + account + "/contacts", "KAM").json().size()).isZero();
    }

    @Test
    void aLevelThatIsNotEvenTextIsRejectedNamingTheField() {
        TestApi.Response response = api.post("/api/v1/accounts/" + uniqueAccount("ARRAY") + "/contacts",
                "{\"name\":\"Ann\",\"level\":[\"MANAGER\"]}", "KAM");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("level");
    }

    @Test
    void malformedJsonIsRejected() {
        TestApi.Response response = api.post("/api/v1/accounts/" + uniqueAccount("MALFORMED") + "/contacts",
                "{\"name\":", "KAM");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("$");
    }

    @Test
    void anAccountIdLongerThanAnyCustomerCodeIsRejectedNamingIt() {
        TestApi.Response response = api.post("/api/v1/accounts/" + "A".repeat(65) + "/contacts",
                "{\"name\":\"Ann\",\"level\":\"MANAGER\"}", "KAM");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("accountId");
    }

    @Test
    void aContactThatDoesNotExistIsNotFound() {
        String account = uniqueAccount("MISSING");

        assertThat(api.get("/api/v1/accounts/" + account + "/contacts/" + UUID.randomUUID(), "KAM").status())
                .isEqualTo(404);
        TestApi.Response notAnId = api.get("/api/v1/accounts/" + account + "/contacts/42", "KAM");
        assertThat(notAnId.status()).isEqualTo(400);
        assertThat(notAnId.json().get("errors").get(0).get("field").asString()).isEqualTo("contactId");
    }

    @Test
    void theApiNeedsATokenAndTheRightRole() {
        String account = uniqueAccount("ROLE");
        String contacts = "/api/v1/accounts/" + account + "/contacts";
        String contact = "{\"name\":\"Ann\",\"level\":\"MANAGER\"}";

        assertThat(api.post(contacts, contact).status()).isEqualTo(401);
        assertThat(api.get(contacts).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/key-accounts").status()).isEqualTo(401);
        assertThat(api.post(contacts, contact, "ANALYST").status()).isEqualTo(403);
        assertThat(api.post(contacts, contact, "SALES").status()).isEqualTo(403);
        // contacts are people's personal data: the account teams read them, nobody else
        assertThat(api.get(contacts, "ANALYST").status()).isEqualTo(403);
        assertThat(api.get(contacts, "SALES").status()).isEqualTo(403);
        assertThat(api.get(contacts, "KAM").json().size()).isZero();

        assertThat(api.post(contacts, contact, "ADMIN").status()).isEqualTo(201);
        assertThat(api.get(contacts, "KAM_LEAD").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/key-accounts", "ANALYST").status()).isEqualTo(200);
    }

    @Test
    void healthAndMetricsStayOpenForProbes() {
        assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);
        TestApi.Response metrics = api.get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("application=\"relationship-service\"");
    }

    @Test
    void theMetricsCountContactsByLevelAndTheKeyAccountsMissingALevel() {
        // given the metrics as they stand (other tests' accounts included)
        double missingBefore = metric("kam_key_accounts_missing_levels", "");
        double frontlineBefore = metric("kam_contacts_added_total", "level=\"FRONTLINE\"");
        double executivesBefore = metric("kam_contacts_added_total", "level=\"EXECUTIVE\"");

        // when an account becomes KEY, one more key account lacks contacts
        String account = uniqueAccount("METRICS");
        kafka.send(Topics.ACCOUNT_TIERS, account, TierChangedJson.change(account, "KEY", T1).json());
        awaitKeyAccount(account);
        assertThat(metric("kam_key_accounts_missing_levels", "")).isEqualTo(missingBefore + 1);

        // and once it has someone at every level, it no longer does
        addContact(account, "Eva Lind", "EXECUTIVE", "purchasing director");
        addContact(account, "Jan de Vries", "MANAGER", "logistics manager");
        assertThat(metric("kam_key_accounts_missing_levels", "")).isEqualTo(missingBefore + 1);
        addContact(account, "Piet Jansen", "FRONTLINE", "warehouse keeper");
        assertThat(metric("kam_key_accounts_missing_levels", "")).isEqualTo(missingBefore);
        assertThat(metric("kam_contacts_added_total", "level=\"FRONTLINE\"")).isEqualTo(frontlineBefore + 1);
        assertThat(metric("kam_contacts_added_total", "level=\"EXECUTIVE\"")).isEqualTo(executivesBefore + 1);
    }

    // --- helpers ------------------------------------------------------------------------------------

    /** A new account, announced by the directory and known here before the test goes on. */
    private String uniqueAccount(String prefix) {
        String account = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        kafka.send(Topics.ACCOUNTS, account, AccountJson.details(account, "Customer " + account, "North", null, null));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get("/api/v1/accounts/" + account + "/relationship-map", "KAM").status() == 200);
        return account;
    }

    private void addContact(String account, String name, String level, String role) {
        String body = role == null
                ? "{\"name\":\"%s\",\"level\":\"%s\"}".formatted(name, level)
                : "{\"name\":\"%s\",\"level\":\"%s\",\"title\":\"%s\"}".formatted(name, level, role);
        TestApi.Response response = api.post("/api/v1/accounts/" + account + "/contacts", body, "KAM");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    private Optional<JsonNode> keyAccount(String account) {
        TestApi.Response response = api.get("/api/v1/key-accounts", "ANALYST");
        assertThat(response.status()).isEqualTo(200);
        return response.json().valueStream().filter(node -> account.equals(node.get("accountId").asString())).findFirst();
    }

    private JsonNode awaitKeyAccount(String account) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> keyAccount(account), Optional::isPresent).orElseThrow();
    }

    private static Map<String, Integer> contacts(JsonNode keyAccount) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        keyAccount.get("contacts").propertyStream().forEach(e -> counts.put(e.getKey(), e.getValue().asInt()));
        return counts;
    }

    private static List<String> missingLevels(JsonNode keyAccount) {
        return keyAccount.get("missingLevels").valueStream().map(JsonNode::asString).toList();
    }

    /** The value of the Prometheus sample {@code name} whose labels contain {@code label}. */
    private double metric(String name, String label) {
        String scrape = api.get("/actuator/prometheus").body();
        Matcher sample = Pattern.compile("(?m)^" + name + "\\{([^}]*)\\} (\\S+)$").matcher(scrape);
        while (sample.find()) {
            if (sample.group(1).contains(label)) {
                return Double.parseDouble(sample.group(2));
            }
        }
        throw new AssertionError("No sample " + name + "{" + label + "} in\n" + scrape);
    }
}
