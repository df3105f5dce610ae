package org.kam.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kam.testsupport.ServiceIntegrationTest;
import org.kam.testsupport.TestApi;
import org.springframework.test.context.TestPropertySource;

import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;

/**
 * Webhooks as a receiving system meets them: a real HTTP server here that answers 200, 500, or not
 * at all. Three tries in all, 0.2 s then 0.4 s apart, 1 s to answer (this context's settings).
 */
@TestPropertySource(properties = { "kam.test.context=notifications", "kam.insight.actions.check-interval=PT0.5S",
        "kam.insight.webhooks.attempts=3", "kam.insight.webhooks.initial-back-off=PT0.2S",
        "kam.insight.webhooks.max-back-off=PT0.4S", "kam.insight.webhooks.timeout=PT1S",
        "kam.insight.webhooks.poll-interval=PT0.1S" })
class WebhooksIT extends ServiceIntegrationTest {

    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch stopHanging = new CountDownLatch(1);

    record Received(String path, String delivery, String signature, String body) {
    }

    @BeforeEach
    void startTheReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newCachedThreadPool());
        receiver.createContext("/", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                String path = exchange.getRequestURI().getPath();
                received.add(new Received(path, exchange.getRequestHeaders().getFirst("X-KAM-Delivery"),
                        exchange.getRequestHeaders().getFirst("X-KAM-Signature"),
                        new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                if (path.equals("/hang")) {
                    stopHanging.await(5, TimeUnit.SECONDS); // longer than the 1 s the sender waits
                }
                exchange.sendResponseHeaders(path.equals("/ok") ? 204 : 500, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        receiver.start();
    }

    @AfterEach
    void stopTheReceiver() {
        stopHanging.countDown();
        receiver.stop(0);
    }

    @Test
    void aWebhookThatAnswersGetsEachNotificationOnceSignedAndOnesThatFailOrHangAreRetriedThenParked() throws Exception {
        String secret = "a-shared-secret-of-some-length";
        String ok = addWebhook("ok", secret);
        String failing = addWebhook("fail", null);
        String hanging = addWebhook("hang", null);

        // a shortage: PRODUCTION and TRANSPORT are told (WARNING); the webhooks want TRANSPORT's
        String account = NotificationUseIT.unique("HOOK");
        kafka.send(Topics.RESERVATIONS, account, EventJson.reservationChanged(account, 100, 60, 40).json());
        String notification = await().atMost(Duration.ofSeconds(30)).until(() -> api.get(
                "/api/v1/notifications?department=TRANSPORT&accountId=" + account, "ADMIN").json().findValuesAsString("id")
                .stream().findFirst(), Optional::isPresent).get();

        Received delivered = await().atMost(Duration.ofSeconds(30)).until(() -> received.stream()
                .filter(r -> r.path().equals("/ok") && r.body().contains(notification)).findFirst(), Optional::isPresent).get();
        assertThat(delivered.signature()).isEqualTo("sha256=" + hmac(secret, delivered.body()));
        JsonNode body = json(delivered.body());
        assertThat(body.get("eventId").asString()).isEqualTo(notification);
        assertThat(body.get("department").asString()).isEqualTo("TRANSPORT");
        assertThat(body.get("severity").asString()).isEqualTo("WARNING");

        JsonNode failed = awaitParked(failing, notification);
        assertThat(failed.get("attempts").asInt()).isEqualTo(3);
        assertThat(failed.get("lastStatus").asInt()).isEqualTo(500);
        assertThat(received.stream().filter(r -> r.path().equals("/fail") && r.body().contains(notification))
                .map(Received::delivery).distinct()).as("one delivery id on every try").hasSize(1);
        JsonNode hung = awaitParked(hanging, notification);
        assertThat(hung.get("lastStatus").isNull()).isTrue();
        assertThat(hung.get("lastError").asString()).containsIgnoringCase("timed out");

        // nothing twice: the receiver that answered got it once
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> received.stream()
                .filter(r -> r.path().equals("/ok") && r.body().contains(notification)).count() == 1);
        assertThat(delivery(ok, notification).get("status").asString()).isEqualTo("DELIVERED");

        // an operator re-drives the parked delivery: three more tries, parked again
        TestApi.Response retried = api.post("/api/v1/webhooks/deliveries/" + failed.get("id").asString() + "/retry", "", "ADMIN");
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> received.stream()
                .filter(r -> r.path().equals("/fail") && r.body().contains(notification)).count() == 6);
        awaitParked(failing, notification);
    }

    @Test
    void aWebhookWithAnUnusableUrlOrAnUnknownDepartmentIsRefusedNamingTheField() {
        TestApi.Response ftp = api.post("/api/v1/webhooks", """
                {"name":"x","url":"ftp://example.org/in"}""", "ADMIN");
        TestApi.Response department = api.post("/api/v1/webhooks", """
                {"name":"x","url":"https://example.org/in","departments":["SALES"]}""", "ADMIN");

        assertThat(ftp.status()).isEqualTo(400);
        assertThat(ftp.body()).contains("url", "http or https");
        assertThat(department.status()).isEqualTo(400);
        assertThat(department.body()).contains("departments", "TRANSPORT");
        assertThat(api.get("/api/v1/webhooks", "KAM_LEAD").status()).as("webhooks are for administrators").isEqualTo(403);
    }

    private String addWebhook(String path, String secret) {
        TestApi.Response added = api.post("/api/v1/webhooks", """
                {"name":"%s","url":"http://127.0.0.1:%d/%s","departments":["TRANSPORT"],"minSeverity":"WARNING"%s}"""
                .formatted(path, receiver.getAddress().getPort(), path, secret == null ? "" : ",\"secret\":\"" + secret + "\""),
                "ADMIN");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(added.json().get("secret").asString()).isNotBlank();
        return added.json().get("id").asString();
    }

    private JsonNode awaitParked(String webhook, String notification) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> delivery(webhook, notification),
                d -> d != null && d.get("status").asString().equals("PARKED"));
    }

    private JsonNode delivery(String webhook, String notification) {
        return api.get("/api/v1/webhooks/deliveries?limit=1000", "ADMIN").json().valueStream()
                .filter(d -> d.get("webhookId").asString().equals(webhook)
                        && d.get("notificationId").asString().equals(notification))
                .findFirst().orElse(null);
    }

    private static String hmac(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
