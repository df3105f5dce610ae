package org.kam.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import tools.jackson.databind.json.JsonMapper;

/**
 * Loads {@link DemoData} the way real clients would: customers and products through the services'
 * REST APIs, sales straight onto the sales topic as an ERP connector would produce them. A failing
 * call is reported and loading goes on; every step can be repeated without harm (PUTs, and sales
 * with fixed event ids that consumers ignore the second time).
 */
final class DemoLoader {

    static final String SALES_TOPIC = "kam.sales.v1";

    private final URI accountService;
    private final URI supplyService;
    private final String kafkaBootstrapServers;
    private final String bearerToken;
    private final PrintStream out;
    private final URI relationshipService;
    private final URI insightService;
    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    DemoLoader(URI accountService, URI supplyService, URI relationshipService, URI insightService,
            String kafkaBootstrapServers, String bearerToken, PrintStream out) {
        this.relationshipService = relationshipService;
        this.insightService = insightService;
        this.accountService = accountService;
        this.supplyService = supplyService;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.bearerToken = bearerToken;
        this.out = out;
    }

    /**
     * Loads everything; true when every customer, product and sale was accepted. Customers or products
     * of a service that does not run (its URI is null) are skipped.
     */
    boolean load(DemoData data) {
        boolean complete = true;
        // Staff first: the directory names owners by staff id, and relationship-service looks them up
        // when the accounts arrive.
        if (relationshipService == null) {
            out.println("  staff and contacts: skipped, relationship-service does not run");
            complete = false;
        } else {
            Failures staff = new Failures("relationship-service", "PUT /api/v1/staff/{id}");
            for (DemoData.Staff member : data.staff()) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("name", member.name());
                body.put("title", member.title());
                body.put("supervisorId", member.supervisorId());
                body.put("executive", member.executive());
                put(relationshipService.resolve("/api/v1/staff/" + member.id()), body, staff);
            }
            complete &= staff.report(data.staff().size(), "staff");
        }
        if (accountService == null) {
            out.println("  customers: skipped, account-service does not run");
            complete = false;
        } else {
            Failures accounts = new Failures("account-service", "PUT /api/v1/accounts/{id}");
            for (DemoData.Customer customer : data.customers()) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("name", customer.name());
                body.put("industry", customer.industry());
                body.put("region", customer.region());
                body.put("openedOn", customer.openedOn().toString());
                body.put("owner", customer.owner());
                put(accountService.resolve("/api/v1/accounts/" + customer.id()), body, accounts);
            }
            complete &= accounts.report(data.customers().size(), "customers");
        }
        if (supplyService == null) {
            out.println("  products: skipped, supply-service does not run");
            complete = false;
        } else {
            Failures products = new Failures("supply-service", "PUT /api/v1/products/{sku}");
            for (DemoData.Product product : data.products()) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("name", product.name());
                body.put("productLine", product.productLine());
                body.put("technical", product.technical());
                body.put("onHand", product.onHand());
                put(supplyService.resolve("/api/v1/products/" + product.sku()), body, products);
            }
            complete &= products.report(data.products().size(), "products");
        }
        if (relationshipService != null && accountService != null) {
            complete &= addContacts(data.contacts());
        }
        if (insightService == null) {
            out.println("  intelligence reports: skipped, insight-service does not run");
            complete = false;
        } else {
            Failures reports = new Failures("insight-service", "POST /api/v1/intelligence");
            for (DemoData.Report report : data.reports()) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("source", report.source());
                body.put("sourceOrganisation", report.sourceOrganisation());
                body.put("reportedOn", report.reportedOn().toString());
                body.put("accounts", report.accounts());
                body.put("productLines", report.productLines());
                body.put("title", report.title());
                body.put("text", report.text());
                body.put("link", report.link());
                URI uri = insightService.resolve("/api/v1/intelligence");
                HttpResponse<String> response = send(uri, "POST", body, reports);
                if (response != null && response.statusCode() >= 400) {
                    reports.add(uri, response.statusCode() + " " + abbreviate(response.body()));
                }
            }
            complete &= reports.report(data.reports().size(), "intelligence reports");
        }
        return produceSales(data.sales()) && complete;
    }

    /**
     * Contacts go to relationship-service, which knows an account only once the directory's
     * announcement arrived (seconds after the PUT): a contact refused for an unknown account is
     * retried for up to a minute. Contacts are added once: the marker file keeps a second
     * {@code --demo} from loading them again.
     */
    private boolean addContacts(List<DemoData.Contact> contacts) {
        Failures failures = new Failures("relationship-service", "POST /api/v1/accounts/{id}/contacts");
        Map<String, String> lastAt = new java.util.HashMap<>();
        for (DemoData.Contact contact : contacts) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", contact.name());
            body.put("level", contact.level());
            body.put("title", contact.title());
            body.put("roles", contact.roles());
            body.put("influence", contact.influence());
            body.put("ownerStaffId", contact.ownerStaffId());
            body.put("reportsTo", lastAt.get(contact.accountId()));
            URI uri = relationshipService.resolve("/api/v1/accounts/" + contact.accountId() + "/contacts");
            Instant giveUp = Instant.now().plusSeconds(60);
            HttpResponse<String> response = send(uri, "POST", body, failures);
            while (response != null && response.statusCode() == 400 && response.body().contains("not known here yet")
                    && Instant.now().isBefore(giveUp)) {
                pause();
                response = send(uri, "POST", body, failures);
            }
            if (response == null) {
                continue;
            }
            if (response.statusCode() >= 400) {
                failures.add(uri, response.statusCode() + " " + abbreviate(response.body()));
            } else {
                lastAt.put(contact.accountId(), json.readTree(response.body()).get("id").asString());
            }
        }
        return failures.report(contacts.size(), "contacts");
    }

    private HttpResponse<String> send(URI uri, String method, Map<String, Object> body, Failures failures) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + bearerToken)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            failures.add(uri, e.getClass().getSimpleName() + " " + e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while loading demo data", e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(500); // waiting for the account to arrive on kam.accounts.v1, not in a test
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while loading demo data", e);
        }
    }

    private void put(URI uri, Map<String, Object> body, Failures failures) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + bearerToken)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 400) {
                failures.add(uri, response.statusCode() + " " + abbreviate(response.body()));
            }
        } catch (IOException e) {
            failures.add(uri, e.getClass().getSimpleName() + " " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while loading demo data", e);
        }
    }

    private boolean produceSales(List<DemoData.Sale> sales) {
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<Exception> firstError = new AtomicReference<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 10,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            for (DemoData.Sale sale : sales) {
                producer.send(new ProducerRecord<>(SALES_TOPIC, sale.accountId(), saleJson(sale)), (metadata, error) -> {
                    if (error != null) {
                        failed.incrementAndGet();
                        firstError.compareAndSet(null, error);
                    }
                });
            }
            producer.flush();
        }
        if (failed.get() > 0) {
            out.printf("  sales: %d of %d could not be sent to %s (%s)%n", failed.get(), sales.size(), SALES_TOPIC,
                    firstError.get().getMessage());
            return false;
        }
        out.printf("  sales: %d sent to %s, %s to %s%n", sales.size(), SALES_TOPIC,
                sales.get(0).occurredAt().toString().substring(0, 10),
                sales.get(sales.size() - 1).occurredAt().toString().substring(0, 10));
        return true;
    }

    /** A sale as the sales topic's contract (sale.v1) describes it. */
    String saleJson(DemoData.Sale sale) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("eventId", sale.eventId().toString());
        event.put("accountId", sale.accountId());
        event.put("orderId", sale.orderId());
        event.put("sku", sale.sku());
        event.put("quantity", sale.quantity());
        event.put("amount", sale.amount());
        event.put("currency", "EUR");
        event.put("occurredAt", sale.occurredAt().toString());
        return json.writeValueAsString(event);
    }

    private static String abbreviate(String body) {
        String oneLine = body == null ? "" : body.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
    }

    /** Collects failed calls of one kind and reports them in a few lines rather than one per call. */
    private final class Failures {
        private final String service;
        private final String call;
        private final List<String> failures = new ArrayList<>();

        Failures(String service, String call) {
            this.service = service;
            this.call = call;
        }

        void add(URI uri, String problem) {
            failures.add(uri.getPath() + ": " + problem);
        }

        /** Tells how it went; true if nothing failed. */
        boolean report(int attempted, String what) {
            if (failures.isEmpty()) {
                out.printf("  %s: %d loaded through %s %s%n", what, attempted, service, call);
                return true;
            }
            out.printf("  %s: %d of %d failed at %s %s, e.g.%n", what, failures.size(), attempted, service, call);
            failures.stream().limit(3).forEach(failure -> out.println("      " + failure));
            return false;
        }
    }
}
