package org.kam.stack;

import java.util.List;

import org.kam.devsignin.DevSignIn;

/** Who can be signed in to the dashboard on the local stack: one person per role, named as the demo staff. */
final class DemoPeople {

    static final List<DevSignIn.Person> ALL = List.of(
            new DevSignIn.Person("ceo-hilde", "Hilde Brandt", List.of("ADMIN"), "chief executive: every section"),
            new DevSignIn.Person("lead-ines", "Ines Moreau", List.of("KAM_LEAD"), "key account lead"),
            new DevSignIn.Person("kam-anna", "Anna Berg", List.of("KAM"), "key account manager"),
            new DevSignIn.Person("sales-sam", "Sam Keller", List.of("SALES"), "sales"),
            new DevSignIn.Person("analyst-marta", "Marta Silva", List.of("ANALYST"), "market analyst"),
            new DevSignIn.Person("planner-paula", "Paula Lind", List.of("SUPPLY"),
                    "production and transport planner: no revenue per customer"));

    private DemoPeople() {
    }
}
