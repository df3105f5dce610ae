package org.kam.account;

import org.kam.chassis.security.EndpointRoles;
import org.kam.testsupport.EndpointRolesContract;

/** Who may use what: every endpoint of account-service, walked from the outside. */
class EveryEndpointNeedsItsRoleIT extends EndpointRolesContract {

    EveryEndpointNeedsItsRoleIT() {
        super("/api/v1/accounts/WALK-1/tier", EndpointRoles::allowed);
    }
}
