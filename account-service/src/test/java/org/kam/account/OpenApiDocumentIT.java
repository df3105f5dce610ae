package org.kam.account;

import org.kam.testsupport.OpenApiDocumentContract;

/** account-service's API as it serves it is the contract checked in under infra/contracts/openapi. */
class OpenApiDocumentIT extends OpenApiDocumentContract {

    OpenApiDocumentIT() {
        super("account-service");
    }
}
