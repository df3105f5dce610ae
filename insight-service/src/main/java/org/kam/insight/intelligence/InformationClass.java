package org.kam.insight.intelligence;

/** What an item of information is about; classification rules map reports to one of these. */
public enum InformationClass {
    /** Demand, prices, the state of a market or an industry. */
    MARKET,
    /** A competitor's products, prices, moves. */
    COMPETITOR,
    /** A customer's own news: sites, people, results, plans. */
    CUSTOMER,
    /** Products: quality, new uses, technical change, substitutes. */
    PRODUCT,
    /** Transport, ports, carriers, lead times. */
    LOGISTICS,
    /** Laws, standards, tariffs, subsidies. */
    REGULATION,
    /** Nothing the rules recognise. */
    OTHER;

    public static final String NAMES = "MARKET, COMPETITOR, CUSTOMER, PRODUCT, LOGISTICS, REGULATION, OTHER";
}
