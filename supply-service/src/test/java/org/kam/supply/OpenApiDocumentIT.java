package org.kam.supply;

import org.kam.testsupport.OpenApiDocumentContract;

/** supply-service's API as it serves it is the contract checked in under infra/contracts/openapi. */
class OpenApiDocumentIT extends OpenApiDocumentContract {

    OpenApiDocumentIT() {
        super("supply-service");
    }
}
