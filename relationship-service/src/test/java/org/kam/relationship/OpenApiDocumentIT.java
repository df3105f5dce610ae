package org.kam.relationship;

import org.kam.testsupport.OpenApiDocumentContract;

/** relationship-service's API as it serves it is the contract checked in under infra/contracts/openapi. */
class OpenApiDocumentIT extends OpenApiDocumentContract {

    OpenApiDocumentIT() {
        super("relationship-service");
    }
}
