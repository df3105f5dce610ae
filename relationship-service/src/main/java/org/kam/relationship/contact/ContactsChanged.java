package org.kam.relationship.contact;

/**
 * The people known at {@code accountId} changed (added, updated, ended, moved), inside the
 * transaction that changed them: a Spring application event, so coverage and training follow in
 * the same transaction without the contact book knowing about either.
 */
public record ContactsChanged(String accountId) {
}
