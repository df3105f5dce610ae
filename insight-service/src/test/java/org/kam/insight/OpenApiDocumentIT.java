package org.kam.insight;

import org.kam.testsupport.OpenApiDocumentContract;

/** insight-service's API as it serves it is the contract checked in under infra/contracts/openapi. */
class OpenApiDocumentIT extends OpenApiDocumentContract {

    OpenApiDocumentIT() {
        super("insight-service");
    }
}
