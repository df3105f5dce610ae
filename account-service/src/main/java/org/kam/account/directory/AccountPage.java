package org.kam.account.directory;

import java.util.List;

/** One page of a list of accounts, ordered by id; {@code page} counts from 0. */
public record AccountPage(List<Account> items, int page, int size, long totalItems, long totalPages) {
}
