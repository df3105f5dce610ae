package org.kam.insight.collection.web;

import org.kam.chassis.security.Roles;
import org.kam.insight.collection.Barometer;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Any authenticated caller may read the barometer. */
@RestController
@RequestMapping("/api/v1/barometer")
class BarometerController {

    private final Barometer barometer;

    BarometerController(Barometer barometer) {
        this.barometer = barometer;
    }

    @PreAuthorize(Roles.STAFF)
    @GetMapping
    Barometer.Reading read() {
        return barometer.read();
    }
}
