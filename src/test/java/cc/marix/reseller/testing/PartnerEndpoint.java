package cc.marix.reseller.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * The partner's own server, where the callbacks of its e-mail orders go: WireMock on 127.0.0.1 and a free port (the
 * tests' callback URL policy admits loopback), and the e-mail orders that name it.
 */
public final class PartnerEndpoint extends WireMockServer {

    public static final String CALLBACK_PATH = "/orders/callback";

    private PartnerEndpoint(int port) {
        super(port == 0 ? options().bindAddress("127.0.0.1").dynamicPort()
                : options().bindAddress("127.0.0.1").port(port));
    }

    /** A started endpoint on a free port, answering nothing yet. */
    public static PartnerEndpoint open() {
        return openOn(0);
    }

    /** A started endpoint on {@code port}: the partner's server back after it was down. */
    public static PartnerEndpoint openOn(int port) {
        PartnerEndpoint endpoint = new PartnerEndpoint(port);
        endpoint.start();
        return endpoint;
    }

    /** Every callback is answered {@code status} from now on. */
    public void answers(int status) {
        stubFor(post(CALLBACK_PATH).willReturn(aResponse().withStatus(status)));
    }

    public String callbackUrl() {
        return "http://127.0.0.1:" + port() + CALLBACK_PATH;
    }

    /** The callbacks received so far. */
    public List<LoggedRequest> callbacks() {
        return findAll(postRequestedFor(urlEqualTo(CALLBACK_PATH)));
    }

    /** A partner's e-mail order of one code of {@code productId} for {@code customer}, calling back here. */
    public ObjectNode emailOrder(String externalOrderId, String productId, String customer, String language) {
        return Notifications.orderPaid(externalOrderId, productId, 1).put("deliveryMode", "email")
                .put("customerEmail", customer).put("callbackUrl", callbackUrl()).put("language", language);
    }
}
