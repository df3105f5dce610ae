package org.kam.supply.demand.web;

import org.kam.chassis.security.Roles;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.kam.chassis.web.NotFoundException;
import org.kam.supply.demand.DemandForecasts;
import org.kam.supply.forecast.Forecast;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/** Weekly demand forecasts with the model chosen and its accuracy on held-out weeks. */
@RestController
class ForecastController {

    private final DemandForecasts forecasts;

    ForecastController(DemandForecasts forecasts) {
        this.forecasts = forecasts;
    }

    @PreAuthorize(Roles.STAFF)
    @GetMapping("/api/v1/forecasts")
    Map<String, Object> forecast(@RequestParam @NotBlank String sku, @RequestParam(required = false) String accountId,
            @RequestParam(defaultValue = "26") @Min(1) @Max(104) int horizonWeeks) {
        Forecast forecast = forecasts.forecast(sku, accountId, horizonWeeks).orElseThrow(() -> new NotFoundException(
                "No sales of " + sku + (accountId == null ? "" : " to " + accountId) + " yet"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sku", sku);
        body.put("accountId", accountId);
        body.put("model", forecast.model());
        Map<String, Double> parameters = new java.util.TreeMap<>();
        forecast.parameters().forEach((name, value) -> parameters.put(name, Math.round(value * 10_000) / 10_000.0));
        body.put("parameters", parameters);
        body.put("historyWeeks", forecast.historyLength());
        body.put("horizonWeeks", forecast.horizon());
        body.put("weeks", java.util.stream.IntStream.range(0, forecast.horizon())
                .mapToObj(i -> Map.of("start", forecast.periodStart(i), "demand", round(forecast.value(i)))).toList());
        body.put("next8Weeks", round(forecast.totalOfNext(Math.min(8, forecast.horizon()))));
        Forecast.Peak peak = forecast.peak();
        body.put("peak", Map.of("start", peak.start(), "demand", round(peak.value())));
        body.put("accuracy", forecast.accuracy().orElse(null));
        return body;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
