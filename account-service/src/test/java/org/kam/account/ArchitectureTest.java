package org.kam.account;

import org.junit.jupiter.api.Test;
import org.kam.testsupport.KamArchitecture;

class ArchitectureTest {

    @Test
    void followsTheHouseLayout() {
        KamArchitecture.verify("org.kam.account");
    }
}
