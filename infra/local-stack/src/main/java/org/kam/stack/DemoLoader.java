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
 * Loads {@link DemoData} the way real clients would: customers as one CSV file through account-service's
 * import (a CRM export), staff, products, contacts and reports through the services' REST APIs, sales
 * straight onto the sales topic as an ERP connector would produce them. A failing call is reported
 * and loading goes on; every step can be repeated without harm (an import and PUTs replace, and sales
 * have fixed event ids that consumers ignore the second time).
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
            complete &= importCustomers(data.customers());
        }
        if (supplyService == null) {
            out.println("  products: skipped, supply-service does not run");
            complete = false;
        } else {
            Failures products = new Failures("supply-service", "PUT /api/v1/products/{sku}");
            Map<URI, Map<String, Object>> calls = new LinkedHashMap<>();
            for (DemoData.Product product : data.products()) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("name", product.name());
                body.put("productLine", product.productLine());
                body.put("technical", product.technical());
                body.put("onHand", product.onHand());
                calls.put(supplyService.resolve("/api/v1/products/" + product.sku()), body);
            }
            putAll(calls, products, "products");
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
        boolean sent = produceSales(data.sales());
        if (sent) {
            awaitCatchUp(data.sales().size());
        }
        return sent && complete;
    }

    /**
     * The customers as one CSV file through account-service's import (as a CRM export would come in):
     * one upload, checked whole, imported in batches; the job is followed until it is done.
     */
    private boolean importCustomers(List<DemoData.Customer> customers) {
        Failures failures = new Failures("account-service", "POST /api/v1/imports/customers");
        StringBuilder csv = new StringBuilder("id,name,industry,region,openedOn,owner\n");
        for (DemoData.Customer customer : customers) {
            csv.append(csvField(customer.id())).append(',').append(csvField(customer.name())).append(',')
                    .append(csvField(customer.industry())).append(',').append(csvField(customer.region())).append(',')
                    .append(customer.openedOn()).append(',').append(csvField(customer.owner())).append('\n');
        }
        URI upload = accountService.resolve("/api/v1/imports/customers?fileName=demo-customers.csv");
        HttpRequest request = HttpRequest.newBuilder(upload)
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + bearerToken)
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv.toString()))
                .build();
        HttpResponse<String> accepted = exchange(request, upload, failures);
        if (accepted == null || accepted.statusCode() != 202) {
            if (accepted != null) {
                failures.add(upload, accepted.statusCode() + " " + abbreviate(accepted.body()));
            }
            return failures.report(customers.size(), "customers");
        }
        URI job = accountService.resolve(accepted.headers().firstValue("Location").orElseThrow());
        ProgressBar bar = new ProgressBar(out, "customers");
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(5));
        while (true) {
            HttpResponse<String> state = exchange(HttpRequest.newBuilder(job).timeout(Duration.ofSeconds(15))
                    .header("Authorization", "Bearer " + bearerToken).GET().build(), job, failures);
            if (state == null || state.statusCode() != 200) {
                break;
            }
            var view = json.readTree(state.body());
            String status = view.get("status").asString();
            if (status.equals("DONE")) {
                bar.finish(customers.size(), customers.size());
                break;
            }
            if (status.equals("REJECTED") || status.equals("FAILED")) {
                failures.add(job, status + " " + abbreviate(state.body()));
                break;
            }
            bar.show(view.get("importedRows").asLong(), customers.size());
            if (Instant.now().isAfter(giveUp)) {
                failures.add(job, "still " + status + " after 5 minutes");
                break;
            }
            pause(Duration.ofMillis(200));
        }
        return failures.report(customers.size(), "customers");
    }

    /** A CSV field as RFC 4180 wants it: quoted when it holds a comma, quote or line break. */
    private static String csvField(String value) {
        if (value == null) {
            return "";
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

    /** Sends {@code request}; a failure to reach the service is noted and answers null. */
    private HttpResponse<String> exchange(HttpRequest request, URI uri, Failures failures) {
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
        return exchange(request, uri, failures);
    }

    private static void pause() {
        pause(Duration.ofMillis(500)); // waiting for the account to arrive on kam.accounts.v1
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis()); // waiting for a service, not in a test
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while loading demo data", e);
        }
    }

    /** PUTs with eight at a time in flight, a progress bar while they go. */
    private void putAll(Map<URI, Map<String, Object>> calls, Failures failures, String what) {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        AtomicInteger done = new AtomicInteger();
        ProgressBar bar = new ProgressBar(out, what);
        try {
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            calls.forEach((uri, body) -> futures.add(pool.submit(() -> {
                put(uri, body, failures);
                done.incrementAndGet();
            })));
            for (java.util.concurrent.Future<?> future : futures) {
                bar.show(done.get(), calls.size());
                future.get();
            }
            bar.finish(calls.size(), calls.size());
        } catch (java.util.concurrent.ExecutionException e) {
            throw new StackException("Loading " + what + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while loading demo data", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private void put(URI uri, Map<String, Object> body, Failures failures) {
        HttpResponse<String> response = send(uri, "PUT", body, failures);
        if (response != null && response.statusCode() >= 400) {
            failures.add(uri, response.statusCode() + " " + abbreviate(response.body()));
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

    /**
     * Shows each service applying the sales (its consumer group's committed offsets on the sales topic
     * against the topic's end) until all have caught up, or says where to watch if that takes longer
     * than {@code KAM_DEMO_WAIT} (15 minutes).
     */
    private void awaitCatchUp(int sales) {
        List<String> groups = new ArrayList<>();
        if (accountService != null) {
            groups.add("account-service");
        }
        if (supplyService != null) {
            groups.add("supply-service");
        }
        if (relationshipService != null) {
            groups.add("relationship-service");
        }
        if (insightService != null) {
            groups.add("insight-service");
        }
        Duration patience = Duration.parse("PT" + System.getenv().getOrDefault("KAM_DEMO_WAIT", "15M"));
        long started = System.nanoTime();
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(Map.of(
                org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers))) {
            // One line for all: the slowest service's share as the bar, each service's share beside it.
            ProgressBar bar = new ProgressBar(out, "sales applied");
            Map<String, Long> applied = new LinkedHashMap<>();
            while (true) {
                var partitions = admin.describeTopics(List.of(SALES_TOPIC)).allTopicNames().get().get(SALES_TOPIC).partitions();
                Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new java.util.HashMap<>();
                partitions.forEach(p -> latest.put(new org.apache.kafka.common.TopicPartition(SALES_TOPIC, p.partition()),
                        org.apache.kafka.clients.admin.OffsetSpec.latest()));
                long end = admin.listOffsets(latest).all().get().values().stream().mapToLong(i -> i.offset()).sum();
                for (String group : groups) {
                    applied.put(group, admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet()
                            .stream().filter(e -> e.getKey().topic().equals(SALES_TOPIC) && e.getValue() != null)
                            .mapToLong(e -> e.getValue().offset()).sum());
                }
                long slowest = applied.values().stream().mapToLong(Long::longValue).min().orElse(end);
                StringBuilder each = new StringBuilder();
                applied.forEach((group, count) -> each.append(each.length() == 0 ? "" : ", ")
                        .append(group.replace("-service", "")).append(' ').append(end == 0 ? 100 : Math.min(100, count * 100 / end))
                        .append('%'));
                bar.detail(each.toString());
                if (slowest >= end) {
                    bar.finish(end, end);
                    break;
                }
                bar.show(slowest, end);
                if (Duration.ofNanos(System.nanoTime() - started).compareTo(patience) > 0) {
                    out.printf("%n  still applying after %d min; the services go on: follow with ./kam lag%n",
                            patience.toMinutes());
                    return;
                }
                Thread.sleep(1000);
            }
            out.printf("  all %d sales applied by every service in %.0f s%n", sales, (System.nanoTime() - started) / 1e9);
        } catch (java.util.concurrent.ExecutionException e) {
            out.println("  cannot follow the services' progress (" + e.getCause().getMessage() + "); see ./kam lag");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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

        synchronized void add(URI uri, String problem) {
            failures.add(uri.getPath() + ": " + problem);
        }

        /** Tells how it went; true if nothing failed. */
        synchronized boolean report(int attempted, String what) {
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
