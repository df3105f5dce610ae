package org.kam.insight;

import org.kam.chassis.security.EndpointRoles;
import org.kam.testsupport.EndpointRolesContract;

/** Who may use what: every endpoint of insight-service, walked from the outside. */
class EveryEndpointNeedsItsRoleIT extends EndpointRolesContract {

    EveryEndpointNeedsItsRoleIT() {
        super("/api/v1/notifications", EndpointRoles::allowed);
    }
}
