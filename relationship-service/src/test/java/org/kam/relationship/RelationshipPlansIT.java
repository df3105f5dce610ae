package org.kam.relationship;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.kam.testsupport.JsonRecord.quote;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.kam.relationship.coverage.KeyAccounts;
import org.kam.relationship.coverage.Tier;
import org.kam.relationship.coverage.TierChange;
import org.kam.relationship.coverage.TierChangedJson;
import org.kam.testsupport.EventContracts;
import org.kam.testsupport.KafkaProbe;
import org.kam.testsupport.ServiceIntegrationTest;
import org.kam.testsupport.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;

import tools.jackson.databind.JsonNode;

/**
 * The relationship plans of issue 9 as their users meet them: an account becoming KEY, its map,
 * its visits and briefing, key dates climbing the supervisor chain, training. A context of its
 * own, with alerts that must be acknowledged within two seconds so escalation can be watched, and
 * overdue visits looked for twice a second.
 */
@TestPropertySource(properties = { "kam.test.context=plans", "kam.relationship.alerts.respond-within=PT2S",
        "kam.relationship.alerts.check-interval=PT0.3S", "kam.relationship.visits.overdue-check-interval=PT0.5S" })
class RelationshipPlansIT extends ServiceIntegrationTest {

    @Autowired
    KeyAccounts keyAccounts;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    MeterRegistry meters;

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @Test
    void anAccountThatBecomesKeyGetsItsOwnerAnExecutiveVisitWithinThirtyDaysAndItsChecklist() {
        String suffix = suffix();
        staff("exec-" + suffix, "Eva Exec", null, true);
        staff("kam-" + suffix, "Karl Kam", null, false);
        String account = account("KEY-" + suffix, "North", null, "kam-" + suffix);

        // when account-service announces that the account became KEY
        kafka.send(Topics.ACCOUNT_TIERS, account, TierChangedJson.change(account, "KEY", Instant.now().toString()).json());

        // then it has a plan owned by the staff member the directory names
        JsonNode plan = await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/accounts/" + account + "/plan",
                "ANALYST"), r -> r.status() == 200).json();
        assertThat(plan.get("ownerStaffId").asString()).isEqualTo("kam-" + suffix);

        // and an executive visit within 30 days
        JsonNode visits = api.get("/api/v1/visits?accountId=" + account + "&from=" + TODAY + "&to=" + TODAY.plusDays(30),
                "ANALYST").json();
        assertThat(visits.size()).isEqualTo(1);
        assertThat(visits.get(0).get("kind").asString()).isEqualTo("EXECUTIVE");
        assertThat(visits.get(0).get("staffId").asString()).isEqualTo("exec-" + suffix);
        assertThat(visits.get(0).get("source").asString()).isEqualTo("TIER_CHANGE");
        assertThat(LocalDate.parse(visits.get(0).get("plannedOn").asString())).isBetween(TODAY, TODAY.plusDays(30));

        // and one CoverageGap per requirement of the KEY checklist, conforming to the contract
        List<ConsumerRecord<String, String>> gaps = kafka.awaitRecords(Topics.RELATIONSHIP_SIGNALS, 4,
                r -> account.equals(r.key()) && "CoverageGap".equals(KafkaProbe.header(r, "kam-event-type")));
        gaps.forEach(r -> EventContracts.assertConforms("coverage-gap.v1.schema.json", r.value()));
        assertThat(gaps).extracting(r -> json(r.value()).get("requirement").asString()).containsExactlyInAnyOrder(
                "EXECUTIVE:DECISION_MAKER", "PAYMENT_APPROVER", "SALESPERSON", "WAREHOUSE_KEEPER");

        // when the account team adds an executive who decides and pays, and a warehouse keeper
        contact(account, "Ada Boss", "EXECUTIVE", "[\"DECISION_MAKER\",\"PAYMENT_APPROVER\"]", null);
        contact(account, "Wim Store", "FRONTLINE", "[\"WAREHOUSE_KEEPER\"]", null);

        // then three gaps are restored, once each, and only the salesperson is still missing
        List<ConsumerRecord<String, String>> restored = kafka.awaitRecords(Topics.RELATIONSHIP_SIGNALS, 3,
                r -> account.equals(r.key()) && "CoverageRestored".equals(KafkaProbe.header(r, "kam-event-type")));
        restored.forEach(r -> EventContracts.assertConforms("coverage-restored.v1.schema.json", r.value()));
        assertThat(restored).extracting(r -> json(r.value()).get("requirement").asString() + ":"
                + json(r.value()).get("cause").asString()).containsExactlyInAnyOrder("EXECUTIVE:DECISION_MAKER:MET",
                        "PAYMENT_APPROVER:MET", "WAREHOUSE_KEEPER:MET");
        JsonNode map = api.get("/api/v1/accounts/" + account + "/relationship-map", "KAM").json();
        assertThat(map.get("gaps").valueStream().map(JsonNode::asString).toList()).containsExactly("SALESPERSON");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                kafka.records(Topics.RELATIONSHIP_SIGNALS)).filteredOn(r -> account.equals(r.key())).hasSize(7));
    }

    @Test
    void theMapShowsTheCustomersOrgChartWithWhoOwnsEachTieAndKeepsThoseWhoLeft() {
        String suffix = suffix();
        staff("kam-" + suffix, "Karl Kam", null, false);
        String account = account("MAP-" + suffix, "North", null, null);
        String other = account("MOVE-" + suffix, "South", null, null);
        String ceo = contact(account, "Ada Boss", "EXECUTIVE", "[\"DECISION_MAKER\"]", null);
        String buyer = contact(account, "Ben Buyer", "MANAGER", "[\"purchasing approver\"]", ceo,
                ",\"ownerStaffId\":\"kam-" + suffix + "\",\"influence\":4,\"strength\":2,\"stance\":\"SCEPTIC\"");
        String clerk = contact(account, "Cid Clerk", "FRONTLINE", "[\"SALES_CLERK\"]", buyer);

        // the org chart: Ada above Ben above Cid, Ben's tie owned by Karl
        JsonNode chart = api.get("/api/v1/accounts/" + account + "/relationship-map", "KAM").json().get("orgChart");
        assertThat(chart.size()).isEqualTo(1);
        assertThat(chart.get(0).get("name").asString()).isEqualTo("Ada Boss");
        JsonNode ben = chart.get(0).get("reports").get(0);
        assertThat(ben.get("name").asString()).isEqualTo("Ben Buyer");
        assertThat(ben.get("roles").get(0).asString()).isEqualTo("PURCHASING_APPROVER");
        assertThat(ben.get("tieOwner").get("name").asString()).isEqualTo("Karl Kam");
        assertThat(ben.get("stance").asString()).isEqualTo("SCEPTIC");
        assertThat(ben.get("reports").get(0).get("name").asString()).isEqualTo("Cid Clerk");

        // putting Ada under Cid would make a loop; an unknown role is not a role
        TestApi.Response loop = api.put("/api/v1/accounts/" + account + "/contacts/" + ceo,
                "{\"name\":\"Ada Boss\",\"level\":\"EXECUTIVE\",\"reportsTo\":\"" + clerk + "\"}", "KAM");
        assertThat(field(loop)).isEqualTo("reportsTo");
        TestApi.Response role = api.post("/api/v1/accounts/" + account + "/contacts",
                "{\"name\":\"X\",\"level\":\"MANAGER\",\"roles\":[\"USER\",\"BOSS\"]}", "KAM");
        assertThat(field(role)).isEqualTo("roles[1]");

        // when Ben leaves, Cid reports to Ada and Ben's link is kept as history
        api.post("/api/v1/accounts/" + account + "/contacts/" + buyer + "/end", "{\"lastDay\":\"" + TODAY + "\"}", "KAM");
        assertThat(api.get("/api/v1/accounts/" + account + "/contacts/" + clerk, "KAM").json().get("reportsTo")
                .asString()).isEqualTo(ceo);
        // (ended today: still there today, gone from tomorrow; the history lists the ended link)
        JsonNode history = api.get("/api/v1/accounts/" + account + "/contacts?history=true", "KAM").json();
        assertThat(history.findValuesAsString("name")).contains("Ben Buyer");

        // when Cid moves to another customer, the person keeps both links
        TestApi.Response moved = api.post("/api/v1/accounts/" + account + "/contacts/" + clerk + "/move",
                "{\"toAccountId\":\"" + other + "\",\"level\":\"MANAGER\",\"roles\":[\"DECISION_MAKER\"],\"from\":\""
                        + TODAY.plusDays(1) + "\"}", "KAM");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        JsonNode links = api.get("/api/v1/accounts/" + other + "/contacts/" + clerk + "/history", "KAM").json();
        assertThat(links.findValuesAsString("accountId")).containsExactly(account, other);
        assertThat(links.get(0).get("to").asString()).isEqualTo(TODAY.toString());
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndNothingIsStored() {
        String suffix = suffix();
        staff("a-" + suffix, "A", null, false);
        staff("b-" + suffix, "B", "a-" + suffix, false);

        // a loop in the supplier's own hierarchy
        assertThat(field(api.put("/api/v1/staff/a-" + suffix, "{\"name\":\"A\",\"supervisorId\":\"b-" + suffix + "\"}",
                "KAM_LEAD"))).isEqualTo("supervisorId");
        assertThat(api.get("/api/v1/staff/a-" + suffix, "ANALYST").json().get("supervisorId").isNull()).isTrue();

        // a contact at an account this service has never heard of
        assertThat(field(api.post("/api/v1/accounts/NEVER-" + suffix + "/contacts",
                "{\"name\":\"X\",\"level\":\"MANAGER\"}", "KAM"))).isEqualTo("accountId");

        // a visit in the past
        String account = account("PAST-" + suffix, "North", null, null);
        assertThat(field(api.post("/api/v1/visits", "{\"accountId\":\"" + account + "\",\"staffId\":\"a-" + suffix
                + "\",\"kind\":\"OWNER\",\"plannedOn\":\"" + TODAY.minusDays(1) + "\"}", "KAM"))).isEqualTo("plannedOn");
        assertThat(api.get("/api/v1/visits?accountId=" + account + "&from=" + TODAY.minusDays(5) + "&to=" + TODAY,
                "KAM").json().size()).isZero();
    }

    @Test
    void thePlannerKeepsEveryoneInsideTheirBudgetAndBriefsTheVisitorFromOtherServicesEvents() {
        String suffix = suffix();
        staff("exec-" + suffix, "Eva Exec", null, true);
        staff("kam-" + suffix, "Karl Kam", null, false);
        String account = account("BRIEF-" + suffix, "West", null, "kam-" + suffix);
        contact(account, "Ada Boss", "EXECUTIVE", "[\"DECISION_MAKER\"]", null);
        kafka.send(Topics.ACCOUNT_TIERS, account, TierChangedJson.change(account, "KEY", Instant.now().toString()).json());
        kafka.send(Topics.RESERVATIONS, account, """
                {"eventId":%s,"occurredAt":%s,"accountId":%s,"sku":"SKU-B-1","tier":"KEY","requested":40,"reserved":30,
                 "shortage":10,"cause":"TIER_CHANGED"}""".formatted(quote(UUID.randomUUID().toString()),
                quote(Instant.now().toString()), quote(account)));
        kafka.send(Topics.SALES, account, sale(account, "SKU-B-1", Instant.now().minusSeconds(3600)));
        await().atMost(Duration.ofSeconds(30)).until(
                () -> api.get("/api/v1/accounts/" + account + "/plan", "ANALYST").status() == 200);

        // when a lead plans the quarter
        TestApi.Response planned = api.post("/api/v1/visits/plan", "", "KAM_LEAD");
        assertThat(planned.status()).as(planned.body()).isEqualTo(200);

        // then nobody's visit days exceed their budget
        for (JsonNode usage : planned.json().get("budgets")) {
            assertThat(usage.get("bookedDays").asInt() + usage.get("plannedDays").asInt())
                    .isLessThanOrEqualTo(usage.get("budgetDays").asInt());
        }
        JsonNode all = api.get("/api/v1/visits?from=" + TODAY + "&to=" + TODAY.plusDays(90), "ANALYST").json();
        Map<String, Set<String>> days = new HashMap<>();
        all.forEach(v -> days.computeIfAbsent(v.get("staffId").asString(), s -> new HashSet<>())
                .add(v.get("plannedOn").asString()));
        int budget = (int) (0.333 * workingDays(TODAY, TODAY.plusDays(90)));
        days.forEach((staff, used) -> assertThat(used).as(staff).hasSizeLessThanOrEqualTo(budget));

        // and the owner visits the account every 30 days, the executive within 30 days of it becoming KEY
        JsonNode ours = api.get("/api/v1/visits?accountId=" + account + "&from=" + TODAY + "&to=" + TODAY.plusDays(90),
                "ANALYST").json();
        assertThat(ours.findValuesAsString("kind")).contains("EXECUTIVE", "OWNER");

        // and the briefing names the tier, the protected stock and the people to meet
        String visitId = ours.get(0).get("id").asString();
        JsonNode briefing = await().atMost(Duration.ofSeconds(30)).until(
                () -> api.get("/api/v1/visits/" + visitId + "/briefing", "KAM").json(),
                b -> b.get("protectedStock").size() == 1 && !b.get("sales").get("months").isEmpty());
        assertThat(briefing.get("account").get("tier").asString()).isEqualTo("KEY");
        assertThat(briefing.get("account").get("tierCause").asString()).isEqualTo("SALE");
        assertThat(briefing.get("protectedStock").get(0).get("sku").asString()).isEqualTo("SKU-B-1");
        assertThat(briefing.get("protectedStock").get(0).get("reserved").asInt()).isEqualTo(30);
        assertThat(briefing.get("contactsToMeet").findValuesAsString("name")).containsExactly("Ada Boss");
        assertThat(briefing.get("coverageGaps").size()).isEqualTo(3);
        assertThat(api.get("/api/v1/visits/" + visitId + "/briefing", "ANALYST").status()).isEqualTo(403);
    }

    @Test
    void anAnniversaryNobodyAcknowledgesClimbsToTheSupervisorAndThenTheirSupervisor() {
        String suffix = suffix();
        staff("dir-" + suffix, "Dora Director", null, false);
        staff("lead-" + suffix, "Lars Lead", "dir-" + suffix, false);
        staff("kam-" + suffix, "Karl Kam", "lead-" + suffix, false);
        // opened ten years ago in five days' time: the anniversary is 5 days ahead, inside the 14-day lead
        String account = account("ANNIV-" + suffix, "North", TODAY.plusDays(5).minusYears(10).toString(), "kam-" + suffix);
        kafka.send(Topics.ACCOUNT_TIERS, account, TierChangedJson.change(account, "KEY", Instant.now().toString()).json());

        // the owner is alerted first
        JsonNode alert = awaitAlertHeldBy("kam-" + suffix);
        assertThat(alert.get("kind").asString()).isEqualTo("ANNIVERSARY");
        assertThat(alert.get("occursOn").asString()).isEqualTo(TODAY.plusDays(5).toString());
        ConsumerRecord<String, String> upcoming = kafka.awaitRecord(Topics.RELATIONSHIP_SIGNALS,
                r -> account.equals(r.key()) && "KeyDateUpcoming".equals(KafkaProbe.header(r, "kam-event-type")));
        EventContracts.assertConforms("key-date-upcoming.v1.schema.json", upcoming.value());

        // nobody acknowledges: it reaches the supervisor, then the supervisor's supervisor
        assertThat(awaitAlertHeldBy("lead-" + suffix).get("escalationLevel").asInt()).isEqualTo(1);
        assertThat(awaitAlertHeldBy("dir-" + suffix).get("escalationLevel").asInt()).isEqualTo(2);
        List<ConsumerRecord<String, String>> escalated = kafka.awaitRecords(Topics.RELATIONSHIP_SIGNALS, 2,
                r -> account.equals(r.key()) && "Escalated".equals(KafkaProbe.header(r, "kam-event-type")));
        escalated.forEach(r -> EventContracts.assertConforms("escalated.v1.schema.json", r.value()));
        assertThat(escalated).extracting(r -> json(r.value()).get("fromStaffId").asString() + "->"
                + json(r.value()).get("toStaffId").asString())
                .containsExactly("kam-" + suffix + "->lead-" + suffix, "lead-" + suffix + "->dir-" + suffix);

        // the director acknowledges: it stops there
        String id = alert.get("id").asString();
        JsonNode acknowledged = api.post("/api/v1/alerts/" + id + "/acknowledge", "{\"by\":\"dir-" + suffix + "\"}",
                "KAM_LEAD").json();
        assertThat(acknowledged.get("acknowledgedBy").asString()).isEqualTo("dir-" + suffix);
        assertThat(api.get("/api/v1/alerts?staffId=dir-" + suffix, "KAM").json().size()).isZero();
    }

    @Test
    void aKeyAccountBuyingATechnicalLineWithoutTrainedFrontlineStaffNeedsTrainingOnce() {
        String suffix = suffix();
        String sku = "SERVO-" + suffix;
        kafka.send(Topics.PRODUCTS, sku, """
                {"eventId":%s,"occurredAt":%s,"sku":%s,"name":"Servo drive","productLine":"Drives","technical":true}"""
                .formatted(quote(UUID.randomUUID().toString()), quote(Instant.now().toString()), quote(sku)));
        String account = account("TRAIN-" + suffix, "North", null, null);
        kafka.send(Topics.ACCOUNT_TIERS, account, TierChangedJson.change(account, "KEY", Instant.now().toString()).json());
        await().atMost(Duration.ofSeconds(30)).until(
                () -> api.get("/api/v1/accounts/" + account + "/plan", "ANALYST").status() == 200);

        // when it buys the technical line twice
        kafka.send(Topics.SALES, account, sale(account, sku, Instant.now().minusSeconds(60)));
        kafka.send(Topics.SALES, account, sale(account, sku, Instant.now().minusSeconds(30)));

        // then TrainingNeeded is published once, conforming to the contract
        ConsumerRecord<String, String> needed = kafka.awaitRecord(Topics.RELATIONSHIP_SIGNALS,
                r -> account.equals(r.key()) && "TrainingNeeded".equals(KafkaProbe.header(r, "kam-event-type")));
        EventContracts.assertConforms("training-needed.v1.schema.json", needed.value());
        assertThat(json(needed.value()).get("productLine").asString()).isEqualTo("Drives");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                kafka.records(Topics.RELATIONSHIP_SIGNALS)).filteredOn(r -> account.equals(r.key())
                        && "TrainingNeeded".equals(KafkaProbe.header(r, "kam-event-type"))).hasSize(1));

        // when a warehouse keeper is trained on the line, the need is met
        String keeper = contact(account, "Wim Store", "FRONTLINE", "[\"WAREHOUSE_KEEPER\"]", null);
        TestApi.Response training = api.post("/api/v1/accounts/" + account + "/trainings", """
                {"productLine":"Drives","heldOn":"%s","expiresOn":"%s","attendees":["%s"]}"""
                .formatted(TODAY, TODAY.plusYears(1), keeper), "KAM");
        assertThat(training.status()).as(training.body()).isEqualTo(201);
        assertThat(api.get("/api/v1/accounts/" + account + "/training-needs", "ANALYST").json().get(0).get("metAt")
                .isNull()).isFalse();
    }

    @Test
    void anExecutiveVisitThatFallsDueWithNothingPlannedIsReportedOnce() {
        String suffix = suffix();
        staff("exec-" + suffix, "Eva Exec", null, true);
        String account = account("LATE-" + suffix, "North", null, null);
        kafka.send(Topics.ACCOUNT_TIERS, account, TierChangedJson.change(account, "KEY", Instant.now().toString()).json());
        String planned = await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/visits?accountId=" + account
                + "&from=" + TODAY + "&to=" + TODAY.plusDays(30), "ANALYST").json(), v -> v.size() == 1).get(0)
                .get("id").asString();

        // given the last executive visit took place 100 days ago and the one planned is called off
        String visit = api.post("/api/v1/visits", "{\"accountId\":\"" + account + "\",\"staffId\":\"exec-" + suffix
                + "\",\"kind\":\"EXECUTIVE\",\"plannedOn\":\"" + TODAY + "\"}", "KAM").json().get("id").asString();
        TestApi.Response done = api.post("/api/v1/visits/" + visit + "/outcome", "{\"outcome\":\"POSITIVE\",\"doneOn\":\""
                + TODAY.minusDays(100) + "\",\"notes\":\"agreed a frame contract\"}", "KAM");
        assertThat(done.json().get("status").asString()).isEqualTo("DONE");
        api.post("/api/v1/visits/" + planned + "/cancel", "", "KAM");

        // then the visit due 90 days after it, 10 days ago, is reported overdue once
        ConsumerRecord<String, String> overdue = kafka.awaitRecord(Topics.RELATIONSHIP_SIGNALS,
                r -> account.equals(r.key()) && "VisitOverdue".equals(KafkaProbe.header(r, "kam-event-type")));
        EventContracts.assertConforms("visit-overdue.v1.schema.json", overdue.value());
        assertThat(json(overdue.value()).get("kind").asString()).isEqualTo("EXECUTIVE");
        assertThat(json(overdue.value()).get("dueOn").asString()).isEqualTo(TODAY.minusDays(10).toString());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                kafka.records(Topics.RELATIONSHIP_SIGNALS)).filteredOn(r -> account.equals(r.key())
                        && "VisitOverdue".equals(KafkaProbe.header(r, "kam-event-type"))).hasSize(1));
    }

    @Test
    void anAccountThatLeavesKeyKeepsItsPlanForTheGracePeriod() {
        String suffix = suffix();
        staff("exec-" + suffix, "Eva Exec", null, true);
        String account = account("FLIP-" + suffix, "East", null, null);
        kafka.send(Topics.ACCOUNT_TIERS, account, TierChangedJson.change(account, "KEY", Instant.now().toString()).json());
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/visits?accountId=" + account + "&from=" + TODAY
                + "&to=" + TODAY.plusDays(30), "ANALYST").json().size() == 1);

        // when it drops to POTENTIAL near the cut-off
        kafka.send(Topics.ACCOUNT_TIERS, account,
                TierChangedJson.change(account, "POTENTIAL", Instant.now().toString()).json());

        // then its plan stays a KEY plan and its executive visit stays on the calendar
        await().atMost(Duration.ofSeconds(30)).until(() -> "POTENTIAL".equals(api.get("/api/v1/accounts/" + account
                + "/relationship-map", "KAM").json().get("tier").asString()));
        JsonNode map = api.get("/api/v1/accounts/" + account + "/relationship-map", "KAM").json();
        assertThat(map.get("planTier").asString()).isEqualTo("KEY");
        assertThat(api.get("/api/v1/visits?accountId=" + account + "&from=" + TODAY + "&to=" + TODAY.plusDays(30),
                "ANALYST").json().get(0).get("status").asString()).isEqualTo("PLANNED");
    }

    @Test
    void anAccountThatWasKeyOnlyInReplayedHistoryKeepsNoPlanForToday() {
        String suffix = suffix();
        staff("exec-" + suffix, "Eva Exec", null, true);
        String account = account("HIST-" + suffix, "East", null, null);
        Instant now = Instant.now();

        // when last year's sales are replayed: KEY as of 200 days ago, REGULAR again as of 150 days ago
        kafka.send(Topics.ACCOUNT_TIERS, account, TierChangedJson.change(account, "KEY",
                now.minus(Duration.ofDays(200)).toString()).withRaw("sequence", "1").json());
        kafka.send(Topics.ACCOUNT_TIERS, account, TierChangedJson.change(account, "REGULAR",
                now.minus(Duration.ofDays(150)).toString()).withRaw("sequence", "2").json());

        // then the grace period (90 days from leaving KEY) is over already: no KEY plan, no executive visit
        // (none planned if both changes were announced as one move, a cancelled one if as two)
        await().atMost(Duration.ofSeconds(30)).until(() -> "REGULAR".equals(api.get("/api/v1/accounts/" + account
                + "/relationship-map", "KAM").json().get("tier").asString()));
        assertThat(api.get("/api/v1/accounts/" + account + "/relationship-map", "KAM").json().get("planTier").asString())
                .isEqualTo("REGULAR");
        await().atMost(Duration.ofSeconds(30)).until(() -> keyAccounts.plansDueCount() == 0);
        JsonNode visits = api.get("/api/v1/visits?accountId=" + account + "&from=" + TODAY + "&to=" + TODAY.plusDays(30),
                "ANALYST").json();
        assertThat(visits.findValuesAsString("status")).doesNotContain("PLANNED");
    }

    @Test
    void aTierThatFlipsWithinOneBatchMovesThePlanOnce() {
        // given an executive and an account the directory announced, where nobody is known yet
        String suffix = suffix();
        staff("exec-" + suffix, "Eva Exec", null, true);
        String account = account("BURST-" + suffix, "East", null, null);
        double moves = meters.get("kam.relationship.plan.moves").counter().count();

        // when its tier goes KEY, REGULAR and KEY again in one consumer batch (one transaction)
        Instant now = Instant.now();
        transactions.executeWithoutResult(tx -> {
            keyAccounts.record(new TierChange(UUID.randomUUID(), account, Tier.KEY, now, 1));
            keyAccounts.record(new TierChange(UUID.randomUUID(), account, Tier.REGULAR, now.plusSeconds(1), 2));
            keyAccounts.record(new TierChange(UUID.randomUUID(), account, Tier.KEY, now.plusSeconds(2), 3));
        });

        // then its plan moved once, REGULAR to KEY: one executive visit planned, nothing cancelled, and
        // each missing requirement reported once as a gap, never as restored
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/visits?accountId=" + account + "&from=" + TODAY
                + "&to=" + TODAY.plusDays(30), "ANALYST").json().size() == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> keyAccounts.plansDueCount() == 0);
        assertThat(meters.get("kam.relationship.plan.moves").counter().count()).isGreaterThanOrEqualTo(moves + 1);
        assertThat(api.get("/api/v1/visits?accountId=" + account + "&from=" + TODAY + "&to=" + TODAY.plusDays(30),
                "ANALYST").json().findValuesAsString("status")).containsExactly("PLANNED");
        await().atMost(Duration.ofSeconds(30)).until(() -> !signals(account, "CoverageGap").isEmpty());
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<String> gaps = signals(account, "CoverageGap");
            assertThat(gaps).doesNotHaveDuplicates();
            assertThat(signals(account, "CoverageRestored")).isEmpty();
        });
    }

    @Test
    void manyAccountsBecomingKeyAtOnceAreMovedTogetherAndEachPlanMovesOnce() {
        // given thirty accounts the directory announced, where nobody is known yet
        String suffix = suffix();
        staff("exec-" + suffix, "Eva Exec", null, true);
        List<String> accounts = java.util.stream.IntStream.range(0, 30)
                .mapToObj(i -> account("GROUP-" + i + "-" + suffix, "East", null, null)).toList();
        double moves = meters.get("kam.relationship.plan.moves").counter().count();

        // when they all become KEY in one consumer batch, so their plan moves fall due together
        Instant now = Instant.now();
        transactions.executeWithoutResult(tx -> accounts.forEach(
                account -> keyAccounts.record(new TierChange(UUID.randomUUID(), account, Tier.KEY, now, 1))));

        // then every one gets its plan and its gaps, each reported once, and nothing stays due
        await().atMost(Duration.ofSeconds(30)).until(() -> keyAccounts.plansDueCount() == 0);
        assertThat(meters.get("kam.relationship.plan.moves").counter().count()).isGreaterThanOrEqualTo(moves + 30);
        for (String account : accounts) {
            assertThat(api.get("/api/v1/accounts/" + account + "/plan", "ANALYST").status()).as(account).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> gapsByAccount().keySet().containsAll(accounts));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Map<String, List<String>> gaps = gapsByAccount();
            accounts.forEach(account -> assertThat(gaps.get(account)).as(account).doesNotHaveDuplicates());
        });
    }

    /** The requirements named by each account's CoverageGap signals on kam.relationship-signals.v1 (one read). */
    private Map<String, List<String>> gapsByAccount() {
        return kafka.records(Topics.RELATIONSHIP_SIGNALS).stream()
                .filter(r -> "CoverageGap".equals(KafkaProbe.header(r, "kam-event-type")))
                .collect(java.util.stream.Collectors.groupingBy(ConsumerRecord::key,
                        java.util.stream.Collectors.mapping(r -> json(r.value()).get("requirement").asString(),
                                java.util.stream.Collectors.toList())));
    }

    /** The requirements named by the account's signals of {@code type} on kam.relationship-signals.v1. */
    private List<String> signals(String account, String type) {
        return kafka.records(Topics.RELATIONSHIP_SIGNALS).stream()
                .filter(r -> account.equals(r.key()) && type.equals(KafkaProbe.header(r, "kam-event-type")))
                .map(r -> json(r.value()).get("requirement").asString()).toList();
    }

    // --- helpers ------------------------------------------------------------------------------------

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private void staff(String id, String name, String supervisor, boolean executive) {
        TestApi.Response saved = api.put("/api/v1/staff/" + id, "{\"name\":\"%s\",\"supervisorId\":%s,\"executive\":%s}"
                .formatted(name, supervisor == null ? "null" : quote(supervisor), executive), "KAM_LEAD");
        assertThat(saved.status()).as(saved.body()).isIn(200, 201);
    }

    /** An account the directory announces, known here before the test goes on. */
    private String account(String id, String region, String openedOn, String owner) {
        kafka.send(Topics.ACCOUNTS, id, AccountJson.details(id, "Customer " + id, region, openedOn, owner));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get("/api/v1/accounts/" + id + "/relationship-map", "KAM").status() == 200);
        return id;
    }

    private String contact(String account, String name, String level, String roles, String reportsTo) {
        return contact(account, name, level, roles, reportsTo, "");
    }

    private String contact(String account, String name, String level, String roles, String reportsTo, String more) {
        TestApi.Response created = api.post("/api/v1/accounts/" + account + "/contacts",
                "{\"name\":\"%s\",\"level\":\"%s\",\"roles\":%s,\"reportsTo\":%s%s}".formatted(name, level, roles,
                        reportsTo == null ? "null" : quote(reportsTo), more), "KAM");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    private JsonNode awaitAlertHeldBy(String staffId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/alerts?staffId=" + staffId, "KAM")
                .json(), alerts -> alerts.size() == 1).get(0);
    }

    private static String sale(String account, String sku, Instant at) {
        return """
                {"eventId":%s,"accountId":%s,"orderId":%s,"sku":%s,"quantity":4,"amount":1200.00,"occurredAt":%s}"""
                .formatted(quote(UUID.randomUUID().toString()), quote(account), quote("O-" + UUID.randomUUID()),
                        quote(sku), quote(at.toString()));
    }

    private static String field(TestApi.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        return response.json().get("errors").get(0).get("field").asString();
    }

    private static int workingDays(LocalDate from, LocalDate to) {
        int days = 0;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            if (day.getDayOfWeek().getValue() <= 5) {
                days++;
            }
        }
        return days;
    }
}
