package org.kam.insight.notification;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pushes queued notifications to their webhooks: POST of the {@code NotificationIssued} JSON, signed
 * ({@code X-KAM-Signature: sha256=<hex HMAC-SHA256 of the body>}), with {@code X-KAM-Delivery} (the
 * delivery id, the same on every retry) and {@code X-KAM-Event-Type}. A 2xx answer delivers it; any
 * other answer, a refused connection or no answer within {@code timeout} is a failed attempt, tried
 * again with back-off ({@link WebhookBackOff}) and parked after the last.
 */
@Component
class WebhookSender {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

    private final WebhookDeliveries deliveries;
    private final NotificationFeed feed;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final WebhookBackOff backOff;
    private final Duration timeout;
    private final int batch;
    private final HttpClient http;
    private final ExecutorService senders;

    WebhookSender(WebhookDeliveries deliveries, NotificationFeed feed, JsonMapper json, MeterRegistry meters,
            @Value("${kam.insight.webhooks.initial-back-off}") Duration initialBackOff,
            @Value("${kam.insight.webhooks.max-back-off}") Duration maxBackOff,
            @Value("${kam.insight.webhooks.attempts}") int attempts,
            @Value("${kam.insight.webhooks.timeout}") Duration timeout,
            @Value("${kam.insight.webhooks.batch}") int batch) {
        this.deliveries = deliveries;
        this.feed = feed;
        this.json = json;
        this.meters = meters;
        this.backOff = new WebhookBackOff(initialBackOff, maxBackOff, attempts);
        this.timeout = timeout;
        this.batch = batch;
        this.senders = Executors.newFixedThreadPool(Math.max(1, Math.min(batch, 8)), runnable -> {
            Thread thread = new Thread(runnable, "kam-webhook-sender");
            thread.setDaemon(true);
            return thread;
        });
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        Gauge.builder("kam.webhook.deliveries.parked", deliveries, WebhookDeliveries::parked)
                .description("webhook deliveries that failed every retry and wait for an operator").register(meters);
    }

    @Scheduled(fixedDelayString = "${kam.insight.webhooks.poll-interval}", initialDelayString = "${kam.insight.webhooks.poll-interval}")
    void sendDue() {
        List<WebhookDeliveries.Claimed> due;
        try {
            // The lease outlasts a send; a sender that dies leaves the delivery to be claimed again after it.
            due = deliveries.claimDue(batch, timeout.multipliedBy(2).plusSeconds(30));
        } catch (RuntimeException e) {
            log.warn("Cannot claim webhook deliveries now ({}); trying again later", e.getMessage());
            return;
        }
        // Sent side by side: a receiver that does not answer holds up its own deliveries, not the others'.
        List<Future<?>> sending = due.stream().map(delivery -> senders.submit(() -> send(delivery)))
                .collect(Collectors.toList());
        for (Future<?> one : sending) {
            try {
                one.get();
            } catch (ExecutionException e) {
                log.warn("A webhook delivery failed unexpectedly; its lease runs out and it is tried again", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @PreDestroy
    void stop() {
        senders.shutdownNow();
    }

    private void send(WebhookDeliveries.Claimed delivery) {
        Notification notification = feed.get(delivery.notificationId()).orElse(null);
        if (notification == null) {
            deliveries.failed(delivery.id(), null, "the notification is gone", null);
            return;
        }
        byte[] body = json.writeValueAsBytes(notification.issued());
        Integer status = null;
        String error;
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(delivery.url()))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("X-KAM-Event-Type", "NotificationIssued")
                    .header("X-KAM-Delivery", delivery.id().toString())
                    .header("X-KAM-Signature", "sha256=" + sign(delivery.secret(), body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
            if (status >= 200 && status < 300) {
                deliveries.delivered(delivery.id(), status);
                meters.counter("kam.webhook.deliveries", "outcome", "delivered").increment();
                return;
            }
            error = "answered " + status;
        } catch (IOException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // the lease runs out and the delivery is tried again
        } catch (IllegalArgumentException e) {
            error = "cannot send to " + delivery.url() + ": " + e.getMessage();
        }
        Duration retryAfter = backOff.after(delivery.attempts() + 1);
        deliveries.failed(delivery.id(), status, error, retryAfter);
        meters.counter("kam.webhook.deliveries", "outcome", retryAfter == null ? "parked" : "failed").increment();
        if (retryAfter == null) {
            log.warn("Webhook delivery {} to {} parked after {} attempts: {}", delivery.id(), delivery.url(),
                    delivery.attempts() + 1, error);
        }
    }

    static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
