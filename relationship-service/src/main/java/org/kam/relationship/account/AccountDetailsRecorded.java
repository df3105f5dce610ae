package org.kam.relationship.account;

/**
 * New details of an account were stored, inside the transaction that stored them: a Spring
 * application event, so the key dates follow the opening date without the register knowing them.
 */
public record AccountDetailsRecorded(AccountDetails details) {
}
