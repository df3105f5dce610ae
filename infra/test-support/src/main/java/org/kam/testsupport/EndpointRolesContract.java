package org.kam.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Who may use what (README, "Who may do what"), for one service: every endpoint walked from the
 * outside by {@link EndpointWalk}, and a token for another audience refused. A service's
 * {@code EveryEndpointNeedsItsRoleIT} extends this with one of its endpoints and its rule reader.
 */
public abstract class EndpointRolesContract extends ServiceIntegrationTest {

    private final String exampleEndpoint;
    private final Function<HandlerMethod, Optional<Set<String>>> rules;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mapping;

    protected EndpointRolesContract(String exampleEndpoint, Function<HandlerMethod, Optional<Set<String>>> rules) {
        this.exampleEndpoint = exampleEndpoint;
        this.rules = rules;
    }

    @Test
    void everyEndpointAnswers401WithoutAToken403WithoutItsRoleAndServesTheRolesItsRuleNames() {
        var walked = EndpointWalk.check(mapping, port(), rules);

        assertThat(walked).extracting(EndpointWalk.Endpoint::path)
                .contains(exampleEndpoint, "/api/v1/operations/outbox/parked");
    }

    @Test
    void aTokenMeantForAnotherAudienceIsNotAccepted() throws Exception {
        String foreign = TestTokens.tokenFor("another-application", TestTokens.ISSUER, "ADMIN");

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(URI.create("http://127.0.0.1:" + port() + exampleEndpoint))
                .header("Authorization", "Bearer " + foreign).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
    }
}
