package org.kam.devsignin;

import java.util.Arrays;
import java.util.Map;

/** An authorization request as the application sent it, checked: this client, one of its redirect URIs, a code, openid. */
record AuthorizationRequest(String clientId, String redirectUri, String scope, String state, String nonce,
        String codeChallenge) {

    static AuthorizationRequest read(Map<String, String> parameters, DevSignIn.Client client) {
        String clientId = parameters.get("client_id");
        if (!client.id().equals(clientId)) {
            throw refusal("Unknown client_id " + clientId + ".");
        }
        String redirectUri = parameters.get("redirect_uri");
        if (redirectUri == null || !client.redirectUris().contains(redirectUri)) {
            // Never redirect to an address the client did not register: that would hand codes to anyone.
            throw refusal("redirect_uri " + redirectUri + " is not one of " + client.redirectUris() + ".");
        }
        if (!"code".equals(parameters.get("response_type"))) {
            throw refusal("Only response_type=code is supported.");
        }
        String scope = parameters.getOrDefault("scope", "");
        if (Arrays.stream(scope.split(" ")).noneMatch("openid"::equals)) {
            throw refusal("The scope must include openid.");
        }
        String challenge = parameters.get("code_challenge");
        if (challenge != null && !"S256".equals(parameters.getOrDefault("code_challenge_method", "plain"))) {
            throw refusal("Only the S256 code challenge method is supported.");
        }
        return new AuthorizationRequest(clientId, redirectUri, scope, blankToNull(parameters.get("state")),
                blankToNull(parameters.get("nonce")), blankToNull(challenge));
    }

    private static DevSignIn.Refusal refusal(String message) {
        return new DevSignIn.Refusal(DevSignIn.Response.page(400, message));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
