package org.kam.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.kam.testsupport.ServiceIntegrationTest;
import org.kam.testsupport.TestApi;

import tools.jackson.databind.JsonNode;

/**
 * The intelligence register through its API, on a real PostgreSQL: reports of one story merged into
 * one numbered item, credibility from independent organisations, rules people edit. Each test
 * tells its own story (a word of its own in every report), so tests do not meet each other's items.
 */
class IntelligenceIT extends ServiceIntegrationTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @Test
    void theSameNewsFromThreeOrganisationsIsOneConfirmedItemWithOneNumber() {
        String word = word();
        TestApi.Response first = file(word, "Reuters", "Nordic Heat opens " + word + " heat pump factory in Tampere",
                "Nordic Heat Oy will open a 20,000 m2 heat pump factory in Tampere in spring 2027, creating 300 jobs.");
        TestApi.Response second = file(word, "Helsingin Sanomat", "Nordic Heat to open " + word + " Tampere heat pump plant",
                "Finnish maker Nordic Heat Oy will open a 20,000 m2 heat pump factory in Tampere in spring 2027 with 300 jobs.");
        TestApi.Response third = file(word, "Kauppalehti", "Nordic Heat opens " + word + " heat pump factory in Tampere",
                "Nordic Heat Oy opens a 20,000 m2 heat pump factory in Tampere in spring 2027, creating 300 jobs.");

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(third.status()).isEqualTo(200);
        JsonNode item = third.json().get("item");
        assertThat(item.get("number").asString()).isEqualTo(first.json().get("item").get("number").asString())
                .matches("INT-" + TODAY.getYear() + "-\\d{6}");
        assertThat(item.get("standing").asString()).isEqualTo("CONFIRMED");
        assertThat(item.get("credibility").asInt()).isEqualTo(1);
        assertThat(item.get("independentSources").valueStream().map(JsonNode::asString).toList())
                .containsExactly("Reuters", "Helsingin Sanomat", "Kauppalehti");
        assertThat(item.get("reports").size()).isEqualTo(3);
        assertThat(item.get("informationClass").asString()).isEqualTo("CUSTOMER");
        assertThat(search("q=" + word).get("totalItems").asLong()).isEqualTo(1);

        // and MARKETING hears of the new customer news once, not three times
        JsonNode marketing = api.get("/api/v1/notifications?department=MARKETING&limit=500", "KAM").json();
        assertThat(marketing.valueStream().filter(n -> "INTELLIGENCE".equals(n.get("kind").asString())
                && n.get("message").asString().contains(word)).count()).isEqualTo(1);
    }

    @Test
    void filedThreeTimesByOneOrganisationItStaysUnconfirmed() {
        String word = word();
        for (int i = 0; i < 3; i++) {
            file(word, "Pump Weekly", "Rhein Pumpen raises " + word + " prices by 6 percent",
                    "Rhein Pumpen AG will raise list prices for circulation pumps by 6 percent from 1 January.");
        }

        JsonNode item = search("q=" + word).get("items").get(0);
        assertThat(search("q=" + word).get("totalItems").asLong()).isEqualTo(1);
        assertThat(item.get("standing").asString()).isEqualTo("UNCONFIRMED");
        assertThat(item.get("credibility").asInt()).as("one organisation of unjudged reliability").isEqualTo(6);
        assertThat(item.get("informationClass").asString()).isEqualTo("MARKET");

        // when an analyst rates the organisation usually reliable, the item is judged again
        api.put("/api/v1/intelligence/sources/Pump Weekly".replace(" ", "%20"), "{\"reliability\":\"B\"}", "ANALYST");
        assertThat(api.get("/api/v1/intelligence/" + item.get("number").asString(), "SALES").json().get("credibility")
                .asInt()).isEqualTo(2);
    }

    @Test
    void differentStoriesGetConsecutiveNumbersAndARefusedReportTakesNone() {
        String word = word();
        String a = file(word, "Reuters", "Strike halts " + word + " container handling at Antwerp",
                "Dock workers at the port of Antwerp went on a 48-hour strike on Monday.").json().get("item")
                .get("number").asString();
        TestApi.Response empty = api.post("/api/v1/intelligence", """
                {"source":"wire","sourceOrganisation":"Reuters","reportedOn":"%s","title":"  "}""".formatted(TODAY), "KAM");
        String b = file(word, "Reuters", "Copper price " + word + " hits a record high",
                "Copper reached 11,000 dollars a tonne on the London Metal Exchange.").json().get("item")
                .get("number").asString();

        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().get("errors").get(0).get("field").asString()).isEqualTo("title");
        int first = Integer.parseInt(a.substring(a.lastIndexOf('-') + 1));
        assertThat(b).isEqualTo("INT-%d-%06d".formatted(TODAY.getYear(), first + 1));
        assertThat(api.get("/api/v1/intelligence/" + a, "SALES").json().get("informationClass").asString())
                .isEqualTo("LOGISTICS");
    }

    @Test
    void aReportThatContradictsAnItemDisputesIt() {
        String word = word();
        String number = file(word, "Reuters", "Acera recalls " + word + " DN50 ball valves",
                "Acera recalled stainless DN50 ball valves made in March.").json().get("item").get("number").asString();

        TestApi.Response denial = api.post("/api/v1/intelligence", """
                {"source":"press release","sourceOrganisation":"Acera","reportedOn":"%s",
                 "title":"Acera denies a recall of %s valves","contradicts":"%s"}""".formatted(TODAY, word, number), "KAM");

        assertThat(denial.status()).as(denial.body()).isEqualTo(200);
        JsonNode item = denial.json().get("item");
        assertThat(item.get("standing").asString()).isEqualTo("DISPUTED");
        assertThat(item.get("contradictedBy").get(0).asString()).isEqualTo("Acera");
        assertThat(search("credibility=4&q=" + word).get("totalItems").asLong()).isEqualTo(1);
    }

    @Test
    void peopleEditTheClassificationRulesAndAnUnknownClassIsRefused() {
        String word = word();
        TestApi.Response unknown = api.post("/api/v1/intelligence/rules",
                "{\"informationClass\":\"GOSSIP\",\"keywords\":[\"rumour\"],\"priority\":1}", "ANALYST");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("informationClass");
        assertThat(api.post("/api/v1/intelligence/rules",
                "{\"informationClass\":\"COMPETITOR\",\"keywords\":[\"" + word + "\"],\"priority\":1}", "SALES").status())
                .isEqualTo(403);

        TestApi.Response rule = api.post("/api/v1/intelligence/rules",
                "{\"informationClass\":\"PRODUCT\",\"keywords\":[\"" + word + "\"],\"priority\":1}", "ANALYST");
        assertThat(rule.status()).isEqualTo(201);
        JsonNode item = file(word, "Reuters", "Copper price " + word + " rises again", "Demand is strong.").json()
                .get("item");
        assertThat(item.get("informationClass").asString()).isEqualTo("PRODUCT");
        assertThat(search("class=PRODUCT&q=" + word).get("totalItems").asLong()).isEqualTo(1);
        assertThat(api.delete("/api/v1/intelligence/rules/" + rule.json().get("id").asString(), "ANALYST").status())
                .isEqualTo(204);
    }

    @Test
    void anImportWithABadLineIsRefusedWholeNamingEveryBadLine() {
        String word = word();
        String good = "{\"source\":\"wire\",\"sourceOrganisation\":\"Reuters\",\"reportedOn\":\"%s\",\"title\":\"Good %s\"}"
                .formatted(TODAY, word);
        String lines = good + "\n{\"source\":\"wire\",\"sourceOrganisation\":\"Reuters\",\"title\":\"No date\"}\n{not json\n";

        TestApi.Response refused = api.upload("/api/v1/intelligence/import", "application/x-ndjson", lines, "KAM");

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("errors").valueStream()
                .map(e -> e.get("line").asInt() + ":" + e.get("field").asString()).toList())
                .containsExactly("2:reportedOn", "3:$");
        assertThat(search("q=" + word).get("totalItems").asLong()).isZero();

        TestApi.Response imported = api.upload("/api/v1/intelligence/import", "application/x-ndjson", good + "\n" + good,
                "KAM");
        assertThat(imported.json().get("filed").asInt()).isEqualTo(2);
        assertThat(imported.json().get("merged").asInt()).isEqualTo(1);
    }

    @Test
    void aCsvImportFilesEveryRowOrNoneNamingTheLineAndColumnOfEachBadRow() {
        String word = word();
        String header = "source,sourceOrganisation,reportedOn,accounts,productLines,title,text,link\n";
        String good = "wire,Reuters,%s,C-%s;C-%s-2,Heating,\"Good %s, with a comma\",\"Text, quoted\",https://example.org/%s\n"
                .formatted(TODAY, word, word, word, word);
        String bad = "wire,Reuters,02/12/2026,,,Bad date %s,,\nwire,,%s,,,,no organisation nor title,ftp://nope\n"
                .formatted(word, TODAY);

        TestApi.Response refused = api.upload("/api/v1/intelligence/import", "text/csv", header + good + bad, "KAM");

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("errors").valueStream()
                .map(e -> e.get("line").asInt() + ":" + e.get("field").asString()).toList())
                .containsExactly("3:reportedOn", "4:link", "4:sourceOrganisation", "4:title");
        assertThat(search("q=" + word).get("totalItems").asLong()).isZero();

        TestApi.Response imported = api.upload("/api/v1/intelligence/import", "text/csv", header + good, "KAM");
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        JsonNode item = search("q=" + word).get("items").get(0);
        assertThat(item.get("title").asString()).isEqualTo("Good " + word + ", with a comma");
        assertThat(item.get("accounts").valueStream().map(JsonNode::asString)).containsExactly("C-" + word, "C-" + word + "-2");

        TestApi.Response unknownColumn = api.upload("/api/v1/intelligence/import", "text/csv",
                "source,sourceOrganisation,reportedOn,title,rumour\nwire,Reuters," + TODAY + ",T,x\n", "KAM");
        assertThat(unknownColumn.status()).isEqualTo(400);
        assertThat(unknownColumn.body()).contains("rumour", "is not a column");
        assertThat(api.upload("/api/v1/intelligence/import", "text/csv", header, "KAM").status())
                .as("a header and no rows").isEqualTo(400);
    }

    @Test
    void anAnalystAsksAnExpertWhoseAssessmentIsRecordedOnTheItemAndShownWithIt() {
        String word = word();
        String number = file(word, "Reuters", "Polar Compressors " + word + " cuts prices by 12 %", "Scroll compressors.")
                .json().get("item").get("number").asString();

        TestApi.Response assigned = api.post("/api/v1/intelligence/" + number + "/assignments", """
                {"expert":"test-user"}""", "ANALYST");
        assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);
        assertThat(assigned.json().get("expertAssessments").get(0).get("assessedAt").isNull()).as("awaited").isTrue();

        TestApi.Response assessed = api.put("/api/v1/intelligence/" + number + "/assessment", """
                {"impact":"HIGH","demandEffect":"DECREASE","reaction":"Offer key accounts a price review before the cut lands"}""",
                "KAM");

        assertThat(assessed.status()).as(assessed.body()).isEqualTo(200);
        JsonNode expert = api.get("/api/v1/intelligence/" + number, "SUPPLY").json().get("expertAssessments").get(0);
        assertThat(expert.get("expert").asString()).isEqualTo("test-user");
        assertThat(expert.get("assignedBy").asString()).isEqualTo("test-user");
        assertThat(expert.get("impact").asString()).isEqualTo("HIGH");
        assertThat(expert.get("demandEffect").asString()).isEqualTo("DECREASE");
        assertThat(expert.get("reaction").asString()).isEqualTo("Offer key accounts a price review before the cut lands");
        assertThat(search("q=" + word).get("items").get(0).get("expertAssessments").size()).isEqualTo(1);

        TestApi.Response unknownEffect = api.put("/api/v1/intelligence/" + number + "/assessment", """
                {"impact":"HIGH","demandEffect":"COLLAPSE","reaction":"x"}""", "KAM");
        assertThat(unknownEffect.status()).isEqualTo(400);
        assertThat(unknownEffect.body()).contains("demandEffect", "STRONG_DECREASE");
        assertThat(api.post("/api/v1/intelligence/" + number + "/assignments", """
                {"expert":"kam-anna"}""", "SALES").status()).as("analysts and leads assign").isEqualTo(403);
        assertThat(api.put("/api/v1/intelligence/INT-2026-999999/assessment", """
                {"impact":"LOW","demandEffect":"NONE","reaction":"x"}""", "KAM").status()).isEqualTo(404);
    }

    // --- helpers ------------------------------------------------------------------------------------

    private static String word() {
        return "w" + UUID.randomUUID().toString().substring(0, 8);
    }

    private TestApi.Response file(String account, String organisation, String title, String text) {
        TestApi.Response response = api.post("/api/v1/intelligence", """
                {"source":"news feed","sourceOrganisation":"%s","reportedOn":"%s","accounts":["C-%s"],
                 "title":"%s","text":"%s","link":"https://example.org/%s"}"""
                .formatted(organisation, TODAY, account, title, text, account), "KAM");
        assertThat(response.status()).as(response.body()).isIn(200, 201);
        return response;
    }

    private JsonNode search(String query) {
        TestApi.Response response = api.get("/api/v1/intelligence?" + query, "ANALYST");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
