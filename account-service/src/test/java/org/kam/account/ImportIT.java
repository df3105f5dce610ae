package org.kam.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.kam.testsupport.EventContracts;
import org.kam.testsupport.ServiceIntegrationTest;
import org.kam.testsupport.TestApi;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/** CSV imports of customers and sales: checked whole first, imported whole or not at all. */
@TestPropertySource(properties = { "kam.test.context=imports", "kam.imports.max-bytes=64KB", "kam.imports.max-rows=100" })
class ImportIT extends ServiceIntegrationTest {

    @Test
    void customersAreImportedWithTheirHierarchyAndAssessment() {
        // given a parent listed after its child, and a customer the supplier rates highly
        String csv = """
                id,name,industry,region,parentId,openedOn,owner,financialStrength,coreCompetence,growthPotential
                IMP-CHILD,Rhein Pumpen Werk 2,Pumps,DACH,IMP-PARENT,2019-04-01,Anna Weber,,,
                IMP-PARENT,Rhein Pumpen AG,Pumps,DACH,,2001-01-15,Anna Weber,3,3,3
                IMP-STAR,"Nordic Heat, Oy",HVAC,Nordics,,2024-09-01,Jon Berg,5,4,4
                """;

        JsonNode job = awaitFinished(api.upload("/api/v1/imports/customers?fileName=customers.csv", "text/csv", csv, "KAM"));

        assertThat(job.get("status").asString()).isEqualTo("DONE");
        assertThat(job.get("importedRows").asLong()).isEqualTo(3);
        assertThat(job.get("progress").asDouble()).isEqualTo(1.0);
        assertThat(api.get("/api/v1/accounts/IMP-STAR", "ANALYST").json().get("name").asString()).isEqualTo("Nordic Heat, Oy");
        kafka.awaitRecord(Topics.ACCOUNT_TIERS, r -> "IMP-STAR".equals(r.key()) && r.value().contains("\"ASSESSMENT\"")
                && r.value().contains("\"to\":\"POTENTIAL\""));

        // and every row is announced to the services that plan with the directory, its parent included
        ConsumerRecord<String, String> child = kafka.awaitRecord(Topics.ACCOUNTS, r -> "IMP-CHILD".equals(r.key()));
        EventContracts.assertConforms("account-details-changed.v1.schema.json", child.value());
        assertThat(json(child.value()).get("parentId").asString()).isEqualTo("IMP-PARENT");
        assertThat(json(child.value()).get("openedOn").asString()).isEqualTo("2019-04-01");
        assertThat(json(child.value()).get("owner").asString()).isEqualTo("Anna Weber");
        assertThat(kafka.awaitRecords(Topics.ACCOUNTS, 3,
                r -> List.of("IMP-CHILD", "IMP-PARENT", "IMP-STAR").contains(r.key())))
                .extracting(ConsumerRecord::key).containsExactlyInAnyOrder("IMP-CHILD", "IMP-PARENT", "IMP-STAR");
    }

    @Test
    void aCustomerFileWithBadRowsIsRejectedWholeWithEveryErrorNamed() {
        String csv = """
                id,name,parentId,openedOn,financialStrength
                IMP-OK,Fine GmbH,,,
                IMP-BAD-1,,,,
                IMP-BAD-2,Scores Ltd,,,7
                IMP-BAD-3,Orphan SA,NOBODY,,
                IMP-BAD-4,Later Inc,,2999-01-01,
                """;

        JsonNode job = awaitFinished(api.upload("/api/v1/imports/customers", "text/csv", csv, "ADMIN"));

        assertThat(job.get("status").asString()).isEqualTo("REJECTED");
        assertThat(job.get("errorCount").asLong()).isEqualTo(4);
        assertThat(errors(job)).containsExactlyInAnyOrder(
                "2:name:is required",
                "3:financialStrength:must be from 1 to 5, was 7",
                "4:parentId:no account NOBODY in the file or the directory",
                "5:openedOn:must not be in the future, was 2999-01-01");
        assertThat(api.get("/api/v1/accounts/IMP-OK", "ANALYST").status()).isEqualTo(404);
    }

    @Test
    void salesArePublishedOnTheSalesStreamRecordedOnceAndAReImportChangesNothing() {
        String csv = """
                accountId,orderId,sku,quantity,amount,currency,occurredAt
                IMP-S1,SO-1,BRG-6204,10,1500.00,EUR,2026-02-01T08:00:00Z
                IMP-S1,SO-2,BRG-6204,4,600.50,,2026-03-01T08:00:00Z
                IMP-S2,SO-3,VLV-DN50,1,99.90,EUR,2026-03-02T08:00:00Z
                """;

        JsonNode job = awaitFinished(api.upload("/api/v1/imports/sales", "text/csv", csv, "SALES"));
        assertThat(job.get("status").asString()).isEqualTo("DONE");
        assertThat(job.get("importedRows").asLong()).isEqualTo(3);
        awaitRevenue("IMP-S1", "2100.50");

        JsonNode again = awaitFinished(api.upload("/api/v1/imports/sales", "text/csv", csv, "SALES"));
        assertThat(again.get("status").asString()).isEqualTo("DONE");
        // a later sale of the same account, sent after the re-import, proves the re-import was consumed
        kafka.send(Topics.SALES, "IMP-S1", org.kam.account.sales.SaleJson.sale("IMP-S1", "1", "2026-03-03T08:00:00Z").json());
        awaitRevenue("IMP-S1", "2101.50");
    }

    @Test
    void anUploadAboveTheByteLimitAnswers413AndImportsNothing() {
        String csv = "accountId,orderId,sku,quantity,amount,occurredAt\n"
                + "IMP-BIG,SO-1,BRG-6204,1,10,2026-02-01T08:00:00Z\n".repeat(1_500); // ~70 KB, the limit is 64 KB

        TestApi.Response response = api.upload("/api/v1/imports/sales", "text/csv", csv, "SALES");

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("detail").asString()).contains("larger than the limit of 65536 bytes");
        assertThat(api.get("/api/v1/accounts/IMP-BIG", "ANALYST").status()).isEqualTo(404);
    }

    @Test
    void aFileWithMoreRowsThanTheLimitIsRejectedWhole() {
        String csv = "accountId,orderId,sku,quantity,amount,occurredAt\n"
                + "IMP-MANY,SO-1,BRG-6204,1,10,2026-02-01T08:00:00Z\n".repeat(101);

        JsonNode job = awaitFinished(api.upload("/api/v1/imports/sales", "text/csv", csv, "SALES"));

        assertThat(job.get("status").asString()).isEqualTo("REJECTED");
        assertThat(errors(job)).containsExactly("0:$:the file has more than 100 data rows, the limit");
        assertThat(api.get("/api/v1/accounts/IMP-MANY", "ANALYST").status()).isEqualTo(404);
    }

    @Test
    void aValueLongerThanTheFieldLimitIsARowErrorNamingTheColumn() {
        String csv = "accountId,orderId,sku,quantity,amount,occurredAt\n"
                + "IMP-LONG,SO-1," + "X".repeat(1_001) + ",1,10,2026-02-01T08:00:00Z\n";

        JsonNode job = awaitFinished(api.upload("/api/v1/imports/sales", "text/csv", csv, "SALES"));

        assertThat(job.get("status").asString()).isEqualTo("REJECTED");
        assertThat(errors(job)).containsExactly("1:sku:is 1001 characters long, more than the limit of 1000");
    }

    @Test
    void aSalesFileWithBadRowsIsRejectedAndNothingIsPublished() {
        String csv = """
                accountId,orderId,sku,quantity,amount,occurredAt
                IMP-X1,SO-9,BRG-6204,0,10,2026-02-01T08:00:00Z
                IMP-X1,SO-9,BRG-6204,1,abc,2026-02-01T08:00:00Z
                IMP-X1,SO-9,BRG-6204,1,10,yesterday
                IMP-X1,SO-9,BRG-6204,1,10,2026-02-01T08:00:00Z
                """;

        JsonNode job = awaitFinished(api.upload("/api/v1/imports/sales", "text/csv", csv, "ADMIN"));

        assertThat(job.get("status").asString()).isEqualTo("REJECTED");
        assertThat(errors(job)).containsExactly(
                "1:quantity:must be greater than 0, was 0",
                "2:amount:must be a number",
                "3:occurredAt:must be an ISO-8601 instant such as 2026-03-01T10:15:30Z, was 'yesterday'");
        assertThat(kafka.records(Topics.SALES)).noneMatch(r -> "IMP-X1".equals(r.key()));
    }

    @Test
    void somethingThatIsNotCsvIsRejected() {
        JsonNode job = awaitFinished(api.upload("/api/v1/imports/sales", "text/csv",
                "accountId,orderId\n\"IMP-Q,SO-1\n", "ADMIN"));

        assertThat(job.get("status").asString()).isEqualTo("REJECTED");
        assertThat(job.get("errors").get(0).get("field").asString()).isEqualTo("$");
    }

    @Test
    void importsNeedTheRightRole() {
        assertThat(api.upload("/api/v1/imports/sales", "text/csv", "a\n1\n", "ANALYST").status()).isEqualTo(403);
        assertThat(api.upload("/api/v1/imports/customers", "text/csv", "a\n1\n", "SALES").status()).isEqualTo(403);
        assertThat(api.upload("/api/v1/imports/sales", "text/csv", "a\n1\n").status()).isEqualTo(401);
    }

    private JsonNode awaitFinished(TestApi.Response started) {
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String location = started.header("Location");
        assertThat(location).startsWith("/api/v1/imports/");
        return await().atMost(Duration.ofSeconds(30)).until(() -> api.get(location, "ANALYST").json(),
                job -> List.of("DONE", "REJECTED", "FAILED").contains(job.get("status").asString()));
    }

    private void awaitRevenue(String account, String revenue) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            TestApi.Response response = api.get("/api/v1/accounts/" + account, "ANALYST");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().get("windowRevenue").decimalValue()).isEqualByComparingTo(revenue);
        });
    }

    private static List<String> errors(JsonNode job) {
        List<String> errors = new java.util.ArrayList<>();
        job.get("errors").forEach(e -> errors.add(e.get("row").asLong() + ":" + e.get("field").asString() + ":"
                + e.get("message").asString()));
        return errors;
    }
}
