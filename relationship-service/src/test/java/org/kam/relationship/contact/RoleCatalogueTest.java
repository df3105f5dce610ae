package org.kam.relationship.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.kam.chassis.messaging.InvalidEventException;

class RoleCatalogueTest {

    private final RoleCatalogue roles = new RoleCatalogue(RoleCatalogue.STANDARD, List.of("quality manager"));

    @Test
    void rolesAreReadInAnyCaseWithSpacesAndKeptOnceInOrder() {
        assertThat(roles.check("roles", List.of("warehouse keeper", "Decision-Maker", "WAREHOUSE_KEEPER")))
                .containsExactly("WAREHOUSE_KEEPER", "DECISION_MAKER");
    }

    @Test
    void aSupplierExtendsTheListByConfiguration() {
        assertThat(roles.check("roles", List.of("QUALITY_MANAGER"))).containsExactly("QUALITY_MANAGER");
    }

    @Test
    void anUnknownRoleIsRejectedNamingItsPlaceInTheList() {
        assertThatThrownBy(() -> roles.check("roles", List.of("USER", "BOSS")))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("roles[1]"))
                .hasMessageContaining("was 'BOSS'");
    }
}
