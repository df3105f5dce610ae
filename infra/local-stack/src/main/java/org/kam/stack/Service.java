package org.kam.stack;

import java.nio.file.Path;

/** The four KAM services as the local stack runs them: one jar, one port and one database each. */
enum Service {
    ACCOUNT("account-service", 8081, "kam_account", "KAM_ACCOUNT_PORT"),
    RELATIONSHIP("relationship-service", 8082, "kam_relationship", "KAM_RELATIONSHIP_PORT"),
    SUPPLY("supply-service", 8083, "kam_supply", "KAM_SUPPLY_PORT"),
    INSIGHT("insight-service", 8084, "kam_insight", "KAM_INSIGHT_PORT");

    /** The project version every module shares; the services' jars carry it in their names. */
    static final String VERSION = "0.1.0-SNAPSHOT";

    final String module;
    final int defaultPort;
    final String database;
    final String portVariable;

    Service(String module, int defaultPort, String database, String portVariable) {
        this.module = module;
        this.defaultPort = defaultPort;
        this.database = database;
        this.portVariable = portVariable;
    }

    Path jar(Path repoRoot) {
        return repoRoot.resolve(module).resolve("target").resolve(module + "-" + VERSION + ".jar");
    }
}
