package org.kam.account.tiering;

/**
 * What the tiering engine knows of one account: its revenue in the window and in the recent half
 * of it (money in units of 1/10,000 of the base currency, so sums are exact), the supplier's
 * assessment, and its computed tier. It is also its own node in {@link RevenueRanking}.
 */
final class AccountState {

    final String id;
    long revenue;
    long recentRevenue;
    int assessmentSum;
    int assessmentCount;
    Tier tier = Tier.REGULAR;

    // RevenueRanking's treap fields; revenue must not change while ranked.
    boolean ranked;
    AccountState left;
    AccountState right;
    int priority;
    int size;
    long subtreeRevenue;

    AccountState(String id) {
        this.id = id;
    }

    long earlierRevenue() {
        return revenue - recentRevenue;
    }
}
