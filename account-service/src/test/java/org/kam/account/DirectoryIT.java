package org.kam.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.kam.testsupport.JsonRecord.quote;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.kam.account.sales.SaleJson;
import org.kam.testsupport.EventContracts;
import org.kam.testsupport.ServiceIntegrationTest;
import org.kam.testsupport.TestApi;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * The customer directory through its API, on a database of its own. Each test uses its own
 * accounts and its own region (the list filters scope to it), so exact expectations hold in any
 * order. Every sale here lies between 2026-05-01 and 2026-06-30 and the latest of all is the
 * long-term value test's, so the business clock and the windows are the same whichever runs first.
 */
@TestPropertySource(properties = "kam.test.context=directory")
class DirectoryIT extends ServiceIntegrationTest {

    @Test
    void anAccountManagerCreatesACustomerAndEveryoneSignedInCanReadIt() {
        // when a new customer is posted with its master data and part of an assessment
        TestApi.Response created = api.post("/api/v1/accounts", """
                {"id":"NEW-1","name":"Ruhr Stahlbau GmbH","industry":"Steel","region":"Ruhr","openedOn":"2019-04-01",
                 "owner":"Eva Lind","financialStrength":3}""", "KAM");

        // then it is created where the Location says, with nothing computed yet
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith("/api/v1/accounts/NEW-1");
        String expected = """
                {"id":"NEW-1","name":"Ruhr Stahlbau GmbH","industry":"Steel","region":"Ruhr","parentId":null,
                 "openedOn":"2019-04-01","owner":"Eva Lind","financialStrength":3,"coreCompetence":null,
                 "growthPotential":null,"tier":"REGULAR","computedTier":"REGULAR","windowRevenue":0.0,
                 "children":[],"rollup":null,"longTermValue":null}""";
        assertThat(created.json()).isEqualTo(json(expected));
        for (String role : List.of("ANALYST", "SUPPLY", "SALES", "KAM", "ADMIN")) {
            assertThat(api.get("/api/v1/accounts/NEW-1", role).json()).as(role).isEqualTo(json(expected));
        }
    }

    @Test
    void postingACustomerCodeThatExistsIsAConflictAndChangesNothing() {
        api.post("/api/v1/accounts", "{\"id\":\"DUP-1\",\"name\":\"First Ltd\"}", "ADMIN");

        TestApi.Response again = api.post("/api/v1/accounts", "{\"id\":\"DUP-1\",\"name\":\"Second Ltd\"}", "KAM");

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("detail").asString()).isEqualTo("Account DUP-1 already exists");
        assertThat(api.get("/api/v1/accounts/DUP-1", "ANALYST").json().get("name").asString()).isEqualTo("First Ltd");
    }

    @Test
    void writesNeedAnAccountManagerOrAnAdmin() {
        assertThat(api.post("/api/v1/accounts", "{\"id\":\"ROLE-2\",\"name\":\"R\"}", "ANALYST").status())
                .isEqualTo(403);
        assertThat(api.put("/api/v1/accounts/ROLE-2", "{\"name\":\"R\"}", "SALES").status()).isEqualTo(403);
        assertThat(api.get("/api/v1/accounts/ROLE-2").status()).isEqualTo(401);
        assertThat(api.get("/api/v1/accounts/ROLE-2", "ANALYST").status()).isEqualTo(404);
    }

    @Test
    void aPutCreatesThenReplacesEverythingTheDirectoryKeeps() {
        TestApi.Response created = api.put("/api/v1/accounts/PUT-1", """
                {"name":"Tatra Pumps","industry":"Pumps","region":"Tatra","owner":"Jan Novak","openedOn":"2020-01-15",
                 "financialStrength":2,"coreCompetence":2,"growthPotential":2}""", "KAM");
        TestApi.Response replaced = api.put("/api/v1/accounts/PUT-1", """
                {"id":"PUT-1","name":"Tatra Pumps a.s.","region":"Tatra"}""", "KAM");

        assertThat(created.status()).isEqualTo(201);
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json()).isEqualTo(json("""
                {"id":"PUT-1","name":"Tatra Pumps a.s.","industry":null,"region":"Tatra","parentId":null,
                 "openedOn":null,"owner":null,"financialStrength":null,"coreCompetence":null,"growthPotential":null,
                 "tier":"REGULAR","computedTier":"REGULAR","windowRevenue":0.0,"children":[],"rollup":null,
                 "longTermValue":null}"""));
    }

    @Test
    void anAssessmentAveragingFourOrMoreMakesTheAccountPotentialAndThatIsPublished() {
        // when an account manager rates a new customer 5 / 4 / 4 (average 4.33)
        TestApi.Response created = api.put("/api/v1/accounts/ASSESS-1",
                "{\"name\":\"Hydro Nord\",\"financialStrength\":5,\"coreCompetence\":4,\"growthPotential\":4}", "KAM");

        // then it is POTENTIAL, announced with the assessment as its cause
        assertThat(created.status()).isEqualTo(201);
        ConsumerRecord<String, String> change = kafka.awaitRecord(Topics.ACCOUNT_TIERS,
                r -> "ASSESS-1".equals(r.key()));
        EventContracts.assertConforms("tier-changed.v1.schema.json", change.value());
        assertThat(field(change, "from") + "->" + field(change, "to") + ":" + field(change, "cause"))
                .isEqualTo("REGULAR->POTENTIAL:ASSESSMENT");
        JsonNode account = api.get("/api/v1/accounts/ASSESS-1", "ANALYST").json();
        assertThat(account.get("tier").asString()).isEqualTo("POTENTIAL");
        assertThat(account.get("computedTier").asString()).isEqualTo("POTENTIAL");

        // and when the name alone changes, the tier does not; when the assessment drops, it does
        api.put("/api/v1/accounts/ASSESS-1",
                "{\"name\":\"Hydro Nord AS\",\"financialStrength\":5,\"coreCompetence\":4,\"growthPotential\":4}", "KAM");
        assertThat(history("ASSESS-1")).containsExactly("REGULAR->POTENTIAL:ASSESSMENT");
        api.put("/api/v1/accounts/ASSESS-1",
                "{\"name\":\"Hydro Nord AS\",\"financialStrength\":3,\"coreCompetence\":4,\"growthPotential\":4}", "KAM");
        assertThat(history("ASSESS-1")).containsExactly("POTENTIAL->REGULAR:ASSESSMENT", "REGULAR->POTENTIAL:ASSESSMENT");
        kafka.awaitRecord(Topics.ACCOUNT_TIERS, r -> "ASSESS-1".equals(r.key()) && "REGULAR".equals(field(r, "to")));
    }

    @Test
    void theDetailsOtherServicesPlanWithArePublishedOncePerChange() {
        // when a customer is registered with its region, opening date and owner
        api.put("/api/v1/accounts/DETAILS-1", """
                {"name":"Nordic Pumps","region":"North","openedOn":"2011-04-18","owner":"staff-anna",
                 "financialStrength":3}""", "KAM");

        // then AccountDetailsChanged announces them, keyed by the account, conforming to the contract
        ConsumerRecord<String, String> first = kafka.awaitRecord(Topics.ACCOUNTS, r -> "DETAILS-1".equals(r.key()));
        EventContracts.assertConforms("account-details-changed.v1.schema.json", first.value());
        assertThat(field(first, "name") + "|" + field(first, "region") + "|" + field(first, "openedOn") + "|"
                + field(first, "owner")).isEqualTo("Nordic Pumps|North|2011-04-18|staff-anna");

        // when only the assessment changes, nothing is announced; when the owner changes, it is
        api.put("/api/v1/accounts/DETAILS-1", """
                {"name":"Nordic Pumps","region":"North","openedOn":"2011-04-18","owner":"staff-anna",
                 "financialStrength":4}""", "KAM");
        api.put("/api/v1/accounts/DETAILS-1", """
                {"name":"Nordic Pumps","region":"North","openedOn":"2011-04-18","owner":"staff-ben",
                 "financialStrength":4}""", "KAM");
        List<ConsumerRecord<String, String>> both = kafka.awaitRecords(Topics.ACCOUNTS, 2,
                r -> "DETAILS-1".equals(r.key()));
        assertThat(both).extracting(r -> field(r, "owner")).containsExactly("staff-anna", "staff-ben");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                kafka.records(Topics.ACCOUNTS)).filteredOn(r -> "DETAILS-1".equals(r.key())).hasSize(2));
    }

    @Test
    void theListFiltersByTierRegionIndustryOwnerAndTextAndPages() {
        create("L-1", "Zeppelin Werke", "Lapland", "Machinery", "Ann", null);
        create("L-2", "Polar Gears", "Lapland", "Machinery", "Bo", null);
        create("L-ZEPPELIN-3", "Arctic Drives", "Lapland", "Energy", "Ann", null);
        create("L-4", "Tundra Power", "Lapland", "Energy", "Bo", "\"financialStrength\":4,\"coreCompetence\":4,\"growthPotential\":4");
        create("L-5", "Fjell 100% Steel", "Lapland", "Steel", "Cy", null);
        create("L-6", "Elsewhere Zeppelin", "Elsewhere", "Machinery", "Ann", null);

        assertThat(ids("region=Lapland")).containsExactly("L-1", "L-2", "L-4", "L-5", "L-ZEPPELIN-3");
        assertThat(ids("region=Lapland&industry=Machinery")).containsExactly("L-1", "L-2");
        assertThat(ids("region=Lapland&owner=Ann")).containsExactly("L-1", "L-ZEPPELIN-3");
        assertThat(ids("region=Lapland&tier=POTENTIAL")).containsExactly("L-4");
        assertThat(ids("region=Lapland&q=zEpPeLiN")).containsExactly("L-1", "L-ZEPPELIN-3");
        assertThat(ids("region=Lapland&q=100%25")).containsExactly("L-5");
        assertThat(ids("region=Lapland&q=1_0")).isEmpty();

        JsonNode secondPage = api.get("/api/v1/accounts?region=Lapland&page=1&size=2", "ANALYST").json();
        assertThat(secondPage.get("items").findValuesAsString("id")).containsExactly("L-4", "L-5");
        assertThat(secondPage.get("page").asInt()).isEqualTo(1);
        assertThat(secondPage.get("size").asInt()).isEqualTo(2);
        assertThat(secondPage.get("totalItems").asLong()).isEqualTo(5);
        assertThat(secondPage.get("totalPages").asLong()).isEqualTo(3);
        JsonNode beyond = api.get("/api/v1/accounts?region=Lapland&page=9&size=2", "ANALYST").json();
        assertThat(beyond.get("items").size()).isZero();
        assertThat(beyond.get("totalItems").asLong()).isEqualTo(5);
    }

    @Test
    void listParametersOutOfRangeAreRejectedNamingTheParameter() {
        assertThat(firstField(api.get("/api/v1/accounts?size=501", "ANALYST"))).isEqualTo("size");
        assertThat(firstField(api.get("/api/v1/accounts?page=-1", "ANALYST"))).isEqualTo("page");
        assertThat(firstField(api.get("/api/v1/accounts?tier=GOLD", "ANALYST"))).isEqualTo("tier");
    }

    @Test
    void aParentsViewRollsUpItsWholeGroup() {
        // given a group: P above C1 and C2, G below C1
        create("GRP-P", "Group Holding", "Group", null, null, null);
        create("GRP-C1", "Group Steel", "Group", null, null, "\"parentId\":\"GRP-P\"");
        create("GRP-C2", "Group Pumps", "Group", null, null, "\"parentId\":\"GRP-P\"");
        create("GRP-G", "Group Steel Service", "Group", null, null, "\"parentId\":\"GRP-C1\"");

        // when each but C2 buys
        sell("GRP-P", "10", "2026-06-01T10:00:00Z", "GRP-P-O1");
        sell("GRP-C1", "100", "2026-06-01T10:00:00Z", "GRP-C1-O1");
        sell("GRP-G", "50", "2026-06-01T10:00:00Z", "GRP-G-O1");

        // then P rolls up all four and 160, C1 itself and G with 150, and C2 has nothing to roll up
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode parent = api.get("/api/v1/accounts/GRP-P", "ANALYST").json();
            assertThat(parent.get("rollup")).isEqualTo(json("{\"accounts\":4,\"windowRevenue\":160.0}"));
        });
        JsonNode parent = api.get("/api/v1/accounts/GRP-P", "ANALYST").json();
        assertThat(parent.get("children").valueStream().map(JsonNode::asString)).containsExactly("GRP-C1", "GRP-C2");
        JsonNode child = api.get("/api/v1/accounts/GRP-C1", "ANALYST").json();
        assertThat(child.get("parentId").asString()).isEqualTo("GRP-P");
        assertThat(child.get("children").valueStream().map(JsonNode::asString)).containsExactly("GRP-G");
        assertThat(child.get("rollup")).isEqualTo(json("{\"accounts\":2,\"windowRevenue\":150.0}"));
        JsonNode leaf = api.get("/api/v1/accounts/GRP-C2", "ANALYST").json();
        assertThat(leaf.get("children").size()).isZero();
        assertThat(leaf.get("rollup").isNull()).isTrue();
    }

    @Test
    void aParentMustExistAndTheHierarchyMustNotLoop() {
        // given A above B above C
        create("LOOP-A", "A", "Loop", null, null, null);
        create("LOOP-B", "B", "Loop", null, null, "\"parentId\":\"LOOP-A\"");
        create("LOOP-C", "C", "Loop", null, null, "\"parentId\":\"LOOP-B\"");

        assertThat(problem(api.put("/api/v1/accounts/LOOP-A", "{\"name\":\"A\",\"parentId\":\"LOOP-C\"}", "KAM")))
                .isEqualTo("parentId: would make a cycle: LOOP-A is already above LOOP-C");
        assertThat(problem(api.put("/api/v1/accounts/LOOP-A", "{\"name\":\"A\",\"parentId\":\"LOOP-A\"}", "KAM")))
                .isEqualTo("parentId: must not be the account itself");
        assertThat(problem(api.post("/api/v1/accounts", "{\"id\":\"LOOP-D\",\"name\":\"D\",\"parentId\":\"NOPE\"}", "KAM")))
                .isEqualTo("parentId: no account NOPE");
        assertThat(api.get("/api/v1/accounts/LOOP-A", "ANALYST").json().get("parentId").isNull()).isTrue();
        assertThat(api.get("/api/v1/accounts/LOOP-D", "ANALYST").status()).isEqualTo(404);

        // while moving C up under A is fine
        assertThat(api.put("/api/v1/accounts/LOOP-C", "{\"name\":\"C\",\"parentId\":\"LOOP-A\"}", "KAM").status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/accounts/LOOP-A", "ANALYST").json().get("rollup").get("accounts").asInt())
                .isEqualTo(3);
    }

    @Test
    void badFieldsAreRejectedNamingTheField() {
        assertThat(firstField(api.post("/api/v1/accounts", "{\"name\":\"No Id\"}", "KAM"))).isEqualTo("id");
        assertThat(firstField(api.post("/api/v1/accounts", "{\"id\":\"BAD-1\"}", "KAM"))).isEqualTo("name");
        for (String score : List.of("financialStrength", "coreCompetence", "growthPotential")) {
            assertThat(firstField(api.put("/api/v1/accounts/BAD-1", "{\"name\":\"B\",\"" + score + "\":6}", "KAM")))
                    .isEqualTo(score);
            assertThat(firstField(api.put("/api/v1/accounts/BAD-1", "{\"name\":\"B\",\"" + score + "\":0}", "KAM")))
                    .isEqualTo(score);
            assertThat(firstField(api.put("/api/v1/accounts/BAD-1", "{\"name\":\"B\",\"" + score + "\":4.5}", "KAM")))
                    .isEqualTo(score);
        }
        assertThat(firstField(api.put("/api/v1/accounts/BAD-1", "{\"name\":\"B\",\"openedOn\":\"2099-01-01\"}", "KAM")))
                .isEqualTo("openedOn");
        assertThat(firstField(api.put("/api/v1/accounts/BAD-1", "{\"name\":\"B\",\"openedOn\":\"last year\"}", "KAM")))
                .isEqualTo("openedOn");
        assertThat(firstField(api.put("/api/v1/accounts/BAD-1", "{\"id\":\"BAD-2\",\"name\":\"B\"}", "KAM")))
                .isEqualTo("id");
        assertThat(api.get("/api/v1/accounts/BAD-1", "ANALYST").status()).isEqualTo(404);
    }

    @Test
    void theAccountViewShowsTheLongTermValueOfItsPurchaseHistory() {
        // given a customer since more than a year; T = 2026-06-30, the latest sale of all here:
        // 2,000 in the earlier half-year (two orders), 3,000 in the recent one (two orders, the last
        // of two lines)
        sell("LTV-1", "1000", "2025-05-26T00:00:00Z", "LTV-1-O0"); // T - 400 days, outside the year
        sell("LTV-1", "1000", "2025-09-03T00:00:00Z", "LTV-1-O1"); // T - 300 days
        sell("LTV-1", "1000", "2025-12-12T00:00:00Z", "LTV-1-O2"); // T - 200 days
        sell("LTV-1", "1500", "2026-03-22T00:00:00Z", "LTV-1-O3"); // T - 100 days
        sell("LTV-1", "1000", "2026-06-30T00:00:00Z", "LTV-1-O4"); // T
        sell("LTV-1", "500", "2026-06-30T00:00:00Z", "LTV-1-O4");

        // then 4 orders a year of 1,250, trend 1.5, retained: 5,000 x (1.5 + 2.25 + 3.375)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                api.get("/api/v1/accounts/LTV-1", "ANALYST").json().get("longTermValue")).isEqualTo(json("""
                        {"estimate3y":35625.00,"ordersPerYear":4.00,"averageOrderValue":1250.00,"trend":1.5000,
                         "retention":1.0000,"model":"orders-x-value-trend-retention-3y"}""")));
    }

    private void create(String id, String name, String region, String industry, String owner, String more) {
        StringBuilder body = new StringBuilder("{\"id\":" + quote(id) + ",\"name\":" + quote(name)
                + ",\"region\":" + quote(region));
        if (industry != null) {
            body.append(",\"industry\":").append(quote(industry));
        }
        if (owner != null) {
            body.append(",\"owner\":").append(quote(owner));
        }
        if (more != null) {
            body.append(',').append(more);
        }
        TestApi.Response response = api.post("/api/v1/accounts", body.append('}').toString(), "KAM");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    private void sell(String account, String amount, String at, String orderId) {
        kafka.send(Topics.SALES, account, SaleJson.sale(account, amount, at).withRaw("orderId", quote(orderId)).json());
    }

    private List<String> ids(String query) {
        TestApi.Response response = api.get("/api/v1/accounts?" + query, "ANALYST");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("items").valueStream().map(item -> item.get("id").asString()).toList();
    }

    private List<String> history(String account) {
        return api.get("/api/v1/accounts/" + account + "/tier-history", "ANALYST").json().valueStream()
                .map(c -> c.get("from").asString() + "->" + c.get("to").asString() + ":" + c.get("cause").asString())
                .toList();
    }

    private static String field(ConsumerRecord<String, String> record, String name) {
        JsonNode value = json(record.value()).get(name);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static String firstField(TestApi.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        return response.json().get("errors").get(0).get("field").asString();
    }

    private static String problem(TestApi.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        return response.json().get("detail").asString();
    }
}
