package org.kam.relationship;

import org.kam.chassis.security.EndpointRoles;
import org.kam.testsupport.EndpointRolesContract;

/** Who may use what: every endpoint of relationship-service, walked from the outside. */
class EveryEndpointNeedsItsRoleIT extends EndpointRolesContract {

    EveryEndpointNeedsItsRoleIT() {
        super("/api/v1/key-accounts", EndpointRoles::allowed);
    }
}
