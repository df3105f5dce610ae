package org.kam.supply;

import org.kam.chassis.security.EndpointRoles;
import org.kam.testsupport.EndpointRolesContract;

/** Who may use what: every endpoint of supply-service, walked from the outside. */
class EveryEndpointNeedsItsRoleIT extends EndpointRolesContract {

    EveryEndpointNeedsItsRoleIT() {
        super("/api/v1/reservations", EndpointRoles::allowed);
    }
}
