package cc.marix.reseller.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.local.LambdaInvocationException;
import cc.marix.reseller.local.StreamFeeder;
import cc.marix.reseller.support.CrashPoints;
import cc.marix.reseller.testing.Fixtures;
import cc.marix.reseller.testing.Fixtures.Stocked;
import cc.marix.reseller.testing.Fixtures.TestPartner;
import cc.marix.reseller.testing.GreenMailResource;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.Notifications;
import cc.marix.reseller.testing.Orders;
import cc.marix.reseller.testing.Orders.Buyer;
import cc.marix.reseller.testing.PartnerEndpoint;
import cc.marix.reseller.testing.ProvidersResource;
import cc.marix.reseller.testing.Streams;
import cc.marix.reseller.testing.TestClock;
import cc.marix.reseller.testing.TestStack;
import cc.marix.reseller.testing.Tribute;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The function dies at each crash point (CrashPoints): the invocation fails without an answer and nothing after the
 * point runs. What comes next as it would in AWS (the client's retry, the event source's retry, the lease's expiry,
 * the next scheduled run) finishes the work: nothing lost, nothing done twice.
 */
@QuarkusTest
class CrashRecoveryTest {

    private static final String EXPIRY = "{\"job\": \"order-expiry\"}";
    private static final String DELIVERY_RETRY = "{\"job\": \"delivery-retry\"}";
    private static final String RECONCILE = "{\"job\": \"payment-reconcile\"}";
    /** What the Function URL answers for an invocation that died. */
    private static final int DIED = 502;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    AppConfig config;

    @Inject
    TestClock clock;

    private PartnerEndpoint partnerEndpoint;

    @BeforeEach
    void setUp() {
        TestStack.useHttpFront();
        GreenMailResource.startSmtp();
        ProvidersResource.server().resetAll();
        partnerEndpoint = PartnerEndpoint.open();
    }

    @AfterEach
    void tearDown() {
        partnerEndpoint.stop();
        String unfired = CrashPoints.armed();
        CrashPoints.disarm();
        assertNull(unfired, "the armed crash point was never reached");
    }

    // ---- between the two steps of a balance-paid order ---------------------------------------------------------

    @Test
    void balanceOrderDyingBetweenItsSteps_shouldBeCompletedByTheRetry_chargedOnce() {
        Stocked stocked = Fixtures.product(2);
        Buyer buyer = Orders.buyer("10000.00");
        ObjectNode body = Orders.body(stocked.productId(), 1, Fixtures.unique("key"));

        CrashPoints.arm(CrashPoints.BETWEEN_ORDER_STEPS);
        Orders.post(buyer, body).then().statusCode(DIED);
        String price = price(stocked, buyer, "10000.00");
        assertEquals(price, Orders.balance(buyer, "rub", "reserved"), "the first step is written: money reserved");

        JsonNode retried = orderAnswer(Orders.post(buyer, body));
        JsonNode again = orderAnswer(Orders.post(buyer, body));

        assertEquals("completed", retried.path("status").asText());
        assertEquals(1, retried.path("items").get(0).path("externalData").size());
        assertEquals(retried.path("id"), again.path("id"));
        assertEquals(retried.path("items"), again.path("items"));
        assertChargedOnce(buyer, price);
        assertEquals(1, Fixtures.stock(stocked.productId()).path("delivered").asLong());
        assertEquals(1, Fixtures.stock(stocked.productId()).path("available").asLong());
    }

    @Test
    void balanceOrderDyingBetweenItsSteps_shouldBeCompletedByTheExpiryJob_whenNobodyRetries() {
        Stocked stocked = Fixtures.product(2);
        Buyer buyer = Orders.buyer("10000.00");
        ObjectNode body = Orders.body(stocked.productId(), 1, Fixtures.unique("key"));
        CrashPoints.arm(CrashPoints.BETWEEN_ORDER_STEPS);
        Orders.post(buyer, body).then().statusCode(DIED);
        String price = price(stocked, buyer, "10000.00");

        clock.advance(config.orders().completionGrace().plusSeconds(1));
        JsonNode run = Json.parse(TestStack.invoke(EXPIRY));
        TestStack.invoke(EXPIRY);

        assertTrue(run.path("completed").asInt() >= 1, run.toString());
        assertChargedOnce(buyer, price);
        JsonNode replayed = orderAnswer(Orders.post(buyer, body));
        assertEquals("completed", replayed.path("status").asText());
        assertEquals(1, replayed.path("items").get(0).path("externalData").size());
        assertEquals(1, Fixtures.stock(stocked.productId()).path("delivered").asLong());
        assertChargedOnce(buyer, price);
    }

    // ---- after the mail server accepted an e-mail ----------------------------------------------------------------

    /**
     * SMTP cannot be asked whether a message arrived, so the e-mail the dead worker never recorded is sent again once
     * its lease expires: a second copy with the same Message-ID, which the customer's mail client threads as one.
     * The callback follows only the recorded e-mail, once.
     */
    @Test
    void workerDyingAfterTheMailWasAccepted_shouldBeFinishedAfterTheLease_oneMessageIdOneCallback() throws Exception {
        partnerEndpoint.answers(200);
        StreamFeeder stream = Streams.feeder(dynamo, config.table().name());
        Stocked stocked = Fixtures.product(2);
        TestPartner partner = Fixtures.partner(stocked.productId());
        String customer = "buyer-" + UUID.randomUUID() + "@example.com";
        String orderId = sendEmailOrder(partner, stocked, customer).path("orderId");
        List<String> batches = stream.poll();
        assertEquals(1, batches.size());

        CrashPoints.arm(CrashPoints.AFTER_MAIL_ACCEPTED);
        assertDied(batches.get(0));
        assertEquals(1, mailsTo(customer).size());
        // the stream retries the batch at once: the dead worker's lease still holds the order
        TestStack.invoke(batches.get(0));
        assertEquals(1, mailsTo(customer).size());
        assertEquals(0, callbacks());
        assertEquals("pending", order(orderId).path("delivery").path("email").asText());

        clock.advance(config.delivery().lease().plusSeconds(1));
        Json.parse(TestStack.invoke(DELIVERY_RETRY));
        clock.advance(Duration.ofHours(1));
        TestStack.invoke(DELIVERY_RETRY);
        TestStack.invoke(batches.get(0));

        List<MimeMessage> mails = mailsTo(customer);
        assertEquals(1, messageIds(mails).size(), "every copy is the same message: " + messageIds(mails));
        assertTrue(mails.size() <= 2, "one copy per worker that reached the mail server: " + mails.size());
        assertEquals(1, callbacks());
        JsonNode done = order(orderId);
        assertEquals("completed", done.path("status").asText());
        assertEquals("done", done.path("delivery").path("email").asText());
        assertEquals("done", done.path("delivery").path("callback").asText());
        assertEquals(1, Fixtures.stock(stocked.productId()).path("delivered").asLong());
    }

    // ---- after a partner acknowledged a callback ----------------------------------------------------------------

    /**
     * HTTP cannot say whether the partner's 2xx was recorded, so the callback the dead worker never recorded is sent
     * again once its lease expires: the same body under the same {@code webhook-id}, which the partner de-duplicates
     * to one logical callback. The e-mail, recorded before the callback, is not sent again.
     */
    @Test
    void workerDyingAfterTheCallbackWasAcknowledged_shouldResendItAfterTheLease_sameWebhookIdAndBody() {
        partnerEndpoint.answers(200);
        StreamFeeder stream = Streams.feeder(dynamo, config.table().name());
        Stocked stocked = Fixtures.product(2);
        TestPartner partner = Fixtures.partner(stocked.productId());
        String customer = "buyer-" + UUID.randomUUID() + "@example.com";
        String orderId = sendEmailOrder(partner, stocked, customer).path("orderId");
        List<String> batches = stream.poll();
        assertEquals(1, batches.size());

        CrashPoints.arm(CrashPoints.AFTER_CALLBACK_ACKNOWLEDGED);
        assertDied(batches.get(0));
        assertEquals(1, callbacks());
        TestStack.invoke(batches.get(0));
        assertEquals(1, callbacks(), "the dead worker's lease still holds the order");
        assertEquals("pending", order(orderId).path("delivery").path("callback").asText());

        clock.advance(config.delivery().lease().plusSeconds(1));
        TestStack.invoke(DELIVERY_RETRY);
        clock.advance(Duration.ofHours(1));
        TestStack.invoke(DELIVERY_RETRY);
        TestStack.invoke(batches.get(0));

        List<LoggedRequest> sent = partnerEndpoint.callbacks();
        assertEquals(2, sent.size(), "sent again once, after the lease");
        assertEquals("msg_" + orderId, sent.get(0).getHeader("webhook-id"));
        assertEquals(sent.get(0).getHeader("webhook-id"), sent.get(1).getHeader("webhook-id"));
        assertEquals(sent.get(0).getBodyAsString(), sent.get(1).getBodyAsString());
        assertEquals(1, mailsTo(customer).size(), "the recorded e-mail is not sent again");
        JsonNode done = order(orderId);
        assertEquals("done", done.path("delivery").path("callback").asText(), done.toString());
        assertEquals(1, Fixtures.stock(stocked.productId()).path("delivered").asLong());
    }

    // ---- after a provider confirmed a payment ----------------------------------------------------------------------

    @Test
    void callbackDyingAfterTheProviderConfirmed_shouldBeCreditedOnce_byTheProvidersRetry() {
        Buyer buyer = Orders.buyer(null);
        String uuid = UUID.randomUUID().toString();
        String topUpId = Tribute.topUp(buyer, "1500", uuid).path("id").asText();
        Tribute.statusIs(uuid, "paid");

        CrashPoints.arm(CrashPoints.AFTER_PAYMENT_CONFIRMED);
        Tribute.send(Tribute.paid(uuid, 150000)).then().statusCode(DIED);
        assertEquals("0.00", Orders.available(buyer, "rub"));

        Tribute.send(Tribute.paid(uuid, 150000)).then().statusCode(200);
        Tribute.send(Tribute.paid(uuid, 150000)).then().statusCode(200);
        clock.advance(Duration.ofMinutes(3));
        TestStack.invoke(RECONCILE);

        assertEquals("1500.00", Orders.available(buyer, "rub"));
        JsonNode topUp = topUp(buyer, topUpId);
        assertEquals("completed", topUp.path("status").asText());
        assertEquals("1500.00", topUp.path("creditedAmount").asText());
    }

    @Test
    void reconcileDyingAfterTheProviderConfirmed_shouldBeCreditedOnce_byTheNextRun() {
        Buyer buyer = Orders.buyer(null);
        String uuid = UUID.randomUUID().toString();
        String topUpId = Tribute.topUp(buyer, "700", uuid).path("id").asText();
        Tribute.statusIs(uuid, "paid");
        clock.advance(Duration.ofMinutes(3));

        CrashPoints.arm(CrashPoints.AFTER_PAYMENT_CONFIRMED);
        assertDied(RECONCILE);
        assertEquals("0.00", Orders.available(buyer, "rub"));

        TestStack.invoke(RECONCILE);
        clock.advance(Duration.ofMinutes(3));
        TestStack.invoke(RECONCILE);
        Tribute.send(Tribute.paid(uuid, 70000)).then().statusCode(200);

        assertEquals("700.00", Orders.available(buyer, "rub"));
        assertEquals("completed", topUp(buyer, topUpId).path("status").asText());
    }

    // ---- mid-run of each scheduled job ------------------------------------------------------------------------------

    @Test
    void orderExpiryDyingMidRun_shouldLeaveTheRestToTheNextRun_eachOrderCancelledOnce() {
        Stocked stocked = Fixtures.product(2);
        Buyer buyer = Orders.buyer(null);
        List<String> waiting = List.of(pendingOrder(buyer, stocked), pendingOrder(buyer, stocked));
        clock.advance(config.orders().paymentWindow().plusMinutes(1));

        CrashPoints.arm(CrashPoints.MID_ORDER_EXPIRY);
        assertDied(EXPIRY);
        TestStack.invoke(EXPIRY);
        TestStack.invoke(EXPIRY);

        for (String orderId : waiting) {
            JsonNode order = Json.parse(Orders.as(buyer).get("/api/orders/" + orderId).then().statusCode(200)
                    .extract().asString());
            assertEquals("cancelled", order.path("status").asText());
            assertEquals("payment_expired", order.path("cancelReason").asText());
            assertEquals(1, events(order, "expired"), order.toString());
        }
        assertEquals(2, Fixtures.stock(stocked.productId()).path("available").asLong());
    }

    @Test
    void deliveryRetryDyingMidRun_shouldLeaveTheRestToTheNextRun_eachCallbackAcknowledgedOnce() {
        partnerEndpoint.answers(500);
        StreamFeeder stream = Streams.feeder(dynamo, config.table().name());
        Stocked stocked = Fixtures.product(2);
        TestPartner partner = Fixtures.partner(stocked.productId());
        String customer = "buyer-" + UUID.randomUUID() + "@example.com";
        List<String> orderIds = List.of(sendEmailOrder(partner, stocked, customer).path("orderId"),
                sendEmailOrder(partner, stocked, customer).path("orderId"));
        Streams.feed(stream);
        assertEquals(2, callbacks(), "each order's first callback failed");
        partnerEndpoint.resetAll();
        partnerEndpoint.answers(200);
        clock.advance(Duration.ofHours(1));

        CrashPoints.arm(CrashPoints.MID_DELIVERY_RETRY);
        assertDied(DELIVERY_RETRY);
        TestStack.invoke(DELIVERY_RETRY);
        clock.advance(Duration.ofHours(1));
        TestStack.invoke(DELIVERY_RETRY);

        assertEquals(2, callbacks(), "one acknowledged callback per order");
        assertEquals(2, mailsTo(customer).size());
        for (String orderId : orderIds) {
            JsonNode order = order(orderId);
            assertEquals("done", order.path("delivery").path("callback").asText(), order.toString());
            assertEquals(2, order.path("delivery").path("callbackAttempts").asInt(), order.toString());
        }
    }

    @Test
    void reconcileDyingMidRun_shouldLeaveTheRestToTheNextRun_eachPaymentCreditedOnce() {
        List<Buyer> buyers = List.of(Orders.buyer(null), Orders.buyer(null));
        for (Buyer buyer : buyers) {
            String uuid = UUID.randomUUID().toString();
            Tribute.topUp(buyer, "700", uuid);
            Tribute.statusIs(uuid, "paid");
        }
        clock.advance(Duration.ofMinutes(3));

        CrashPoints.arm(CrashPoints.MID_PAYMENT_RECONCILE);
        assertDied(RECONCILE);
        TestStack.invoke(RECONCILE);
        clock.advance(Duration.ofMinutes(3));
        TestStack.invoke(RECONCILE);

        for (Buyer buyer : buyers) {
            assertEquals("700.00", Orders.available(buyer, "rub"));
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static void assertDied(String event) {
        LambdaInvocationException died = assertThrows(LambdaInvocationException.class, () -> TestStack.invoke(event));
        assertTrue(died.errorMessage().contains("the process died at"), died.getMessage());
    }

    /** The order's price: what a crash left reserved out of the buyer's {@code credited}. */
    private static String price(Stocked stocked, Buyer buyer, String credited) {
        String reserved = Orders.balance(buyer, "rub", "reserved");
        assertEquals(new BigDecimal(credited).subtract(new BigDecimal(reserved)).toPlainString(),
                Orders.available(buyer, "rub"));
        assertTrue(new BigDecimal(reserved).signum() > 0, "reserved " + reserved + " for "
                + stocked.productId());
        return reserved;
    }

    private static void assertChargedOnce(Buyer buyer, String price) {
        assertEquals("0.00", Orders.balance(buyer, "rub", "reserved"));
        assertEquals(new BigDecimal("10000.00").subtract(new BigDecimal(price)).toPlainString(),
                Orders.available(buyer, "rub"));
    }

    private static JsonNode orderAnswer(Response response) {
        return Json.parse(response.then().statusCode(200).extract().asString());
    }

    private static String pendingOrder(Buyer buyer, Stocked stocked) {
        JsonNode order = orderAnswer(Orders.post(buyer, Orders.body(stocked.productId(), 1, null)));
        assertEquals("pending_payment", order.path("status").asText());
        return order.path("id").asText();
    }

    private static long events(JsonNode order, String type) {
        long count = 0;
        for (JsonNode event : order.path("events")) {
            count += type.equals(event.path("type").asText()) ? 1 : 0;
        }
        return count;
    }

    private static JsonNode topUp(Buyer buyer, String topUpId) {
        return Json.parse(Orders.as(buyer).get("/api/topups/fiat/" + topUpId).then().statusCode(200).extract()
                .asString());
    }

    private Response sendEmailOrder(TestPartner partner, Stocked stocked, String customer) {
        Response accepted = Notifications.send(partner, partnerEndpoint.emailOrder(Fixtures.unique("CRASH"),
                stocked.productId(), customer, "en"), UUID.randomUUID().toString());
        accepted.then().statusCode(202);
        return accepted;
    }

    private int callbacks() {
        return partnerEndpoint.callbacks().size();
    }

    private static List<MimeMessage> mailsTo(String customer) {
        return List.of(GreenMailResource.smtp().getReceivedMessagesForDomain(customer));
    }

    private static Set<String> messageIds(List<MimeMessage> mails) throws MessagingException {
        Set<String> ids = new HashSet<>();
        for (MimeMessage mail : mails) {
            ids.add(mail.getMessageID());
        }
        return ids;
    }

    private static JsonNode order(String orderId) {
        return Fixtures.admin(Json.object().put("action", "orderStatus").put("orderId", orderId));
    }
}
