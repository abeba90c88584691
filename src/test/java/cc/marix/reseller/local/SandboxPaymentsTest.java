package cc.marix.reseller.local;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.Merchant;
import cc.marix.reseller.testing.Orders;
import cc.marix.reseller.testing.Orders.Buyer;
import cc.marix.reseller.testing.ProvidersResource;
import cc.marix.reseller.testing.TestClock;
import cc.marix.reseller.testing.TestStack;
import cc.marix.reseller.testing.Tribute;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The local sandboxes of run-local in place of the providers (WireMock forwards our calls to them): their status
 * calls tell the truth, so a signed final callback for an order the sandbox never saw paid credits nothing, and
 * paying at the sandbox credits exactly once.
 */
@QuarkusTest
class SandboxPaymentsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    TestClock clock;

    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private TributeSandbox tribute;
    private MerchantSandbox merchant;
    private Buyer buyer;

    @BeforeEach
    void setUp() {
        TestStack.useHttpFront();
        ProvidersResource.server().resetAll();
        URI front = URI.create("http://127.0.0.1:" + LocalLambdaRuntimeResource.httpPort());
        PrintStream log = new PrintStream(logged, true, StandardCharsets.UTF_8);
        tribute = TributeSandbox.start(0, Tribute.API_KEY, front.resolve("/callbacks/tribute"), Duration.ofMillis(10),
                clock, log);
        merchant = MerchantSandbox.start(0, Merchant.API_KEY, Merchant.SECRET, front.resolve("/callbacks/merchant"),
                Duration.ofMillis(10), clock, log);
        forward(ProvidersResource.TRIBUTE, tribute.url());
        forward(ProvidersResource.MERCHANT, merchant.url());
        buyer = Orders.buyer(null);
    }

    @AfterEach
    void stop() {
        tribute.close();
        merchant.close();
    }

    @Test
    void tribute_aSignedPaidWebhookForAnOrderNeverPaid_shouldCreditNothing_andPayingShouldCreditOnce()
            throws Exception {
        String unpaid = topUp("tribute").path("paymentId").asText();
        String paid = topUp("tribute").path("paymentId").asText();

        Tribute.send(Tribute.paid(unpaid, 150000)).then().statusCode(200).body("result", equalTo("unconfirmed"));
        assertEquals("0.00", Orders.available(buyer, "rub"));

        JsonNode answer = pay(tribute.paymentUrl(paid));
        assertEquals("credited", answer.path("webhooks").get(1).path("answer").path("result").asText(),
                answer.toString());
        // another signed paid event for it (not the sandbox's copy): confirmed, but the payment is credited already
        Tribute.send(Tribute.paid(paid, 150000)).then().statusCode(200).body("result", equalTo("recorded"));
        assertEquals("1500.00", Orders.available(buyer, "rub"));
    }

    @Test
    void merchant_aSignedSuccessForAnOrderNeverPaid_shouldCreditNothing_andPayingShouldCreditOnce() throws Exception {
        JsonNode unpaid = topUp("merchant");
        JsonNode paid = topUp("merchant");

        Merchant.send(Merchant.callback("success", "1500.00", unpaid.path("id").asText(),
                unpaid.path("paymentId").asText()), Merchant.SECRET, clock.instant()).then().statusCode(200)
                .body("result", equalTo("unconfirmed"));
        assertEquals("0.00", Orders.available(buyer, "rub"));

        JsonNode answer = pay(merchant.paymentUrl(paid.path("paymentId").asText()));
        assertEquals("credited", answer.path("delivery").path("answer").path("result").asText(), answer.toString());
        assertEquals("1500.00", Orders.available(buyer, "rub"));
    }

    private static void forward(String prefix, URI sandbox) {
        ProvidersResource.server().stubFor(any(urlPathMatching(prefix + "/.*")).willReturn(aResponse()
                .proxiedFrom(sandbox.toString()).withProxyUrlPrefixToRemove(prefix)));
    }

    private JsonNode topUp(String provider) {
        TestStack.useHttpFront();
        return Json.parse(Orders.as(buyer).contentType("application/json")
                .body("{\"paymentProvider\":\"" + provider + "\",\"balanceCurrency\":\"rub\",\"quoteAmount\":\"1500\"}")
                .post("/api/topups/fiat/").then().statusCode(200).extract().asString());
    }

    /** The buyer pays at the sandbox's page; its answer says what our function answered each callback. */
    private static JsonNode pay(URI page) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(page).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return Json.parse(answer.body());
    }
}
