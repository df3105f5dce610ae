package org.kam.supply.catalogue;

import java.time.Instant;

public record Warehouse(String id, String name, String region, Instant updatedAt) {
}
