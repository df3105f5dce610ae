package org.kam.account.directory;

import org.kam.account.tiering.Tier;

/**
 * Which accounts a list shows; null matches everything. {@code tier} is the effective tier;
 * region, industry and owner match exactly; {@code text} is found case-insensitively in the id or
 * the name.
 */
public record AccountFilter(Tier tier, String region, String industry, String owner, String text) {
}
