package cc.marix.reseller.store;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.payment.Payment;
import cc.marix.reseller.payment.PaymentStatus;
import cc.marix.reseller.payment.PaymentStore;
import cc.marix.reseller.payment.Provider;
import cc.marix.reseller.support.Times;
import cc.marix.reseller.testing.Fixtures;
import cc.marix.reseller.testing.Fixtures.Stocked;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.Orders;
import cc.marix.reseller.testing.Orders.Buyer;
import cc.marix.reseller.testing.OrderToPay;
import cc.marix.reseller.testing.ProvidersResource;
import cc.marix.reseller.testing.TestClock;
import cc.marix.reseller.testing.TestStack;
import cc.marix.reseller.testing.Tribute;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * The ambiguous commit of a single conditional write (UpdateItem, PutItem: no ClientRequestToken): DynamoDB applies
 * it, the answer is lost, the SDK sends it again. Each test scripts exactly that on the one write under test and
 * shows the caller answers as without the fault: by its write id ({@link WriteIds}) where the repeat is refused by
 * the write's own effect, or because the repeat passes the same condition and writes the same values.
 */
@QuarkusTest
class SingleWriteRepeatTest {

    private static final String UPDATE = "UpdateItem";
    private static final String PUT = "PutItem";
    private static final String TRANSACT = "TransactWriteItems";
    private static final String EXPIRY = "{\"job\": \"order-expiry\"}";

    @Inject
    PaymentStore payments;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    AppConfig config;

    @Inject
    TestClock clock;

    @BeforeEach
    void front() {
        TestStack.useHttpFront();
        ProvidersResource.server().resetAll();
    }

    @AfterEach
    void unscript() {
        FaultInjector.clearScript();
    }

    /** PaymentStore.apply: the repeat is refused by the news it recorded; before write ids it said "duplicate". */
    @Test
    void providerProgress_shouldAnswerAdvanced_whenItsUpdateCommitsAndTheAnswerIsLost() {
        // an order's payment: news of a top-up's money on its way also holds it in pending, in a transaction
        OrderToPay toPay = OrderToPay.create();
        String uuid = Tribute.willCreate();
        toPay.pay().then().statusCode(200);
        ObjectNode received = Tribute.event("shop_order_payment_received", uuid, null, 499000, "rub",
                "2026-11-23T10:00:01Z");
        long before = afterCommits(UPDATE);

        FaultInjector.script(FaultKind.AFTER_COMMIT, UPDATE, 1);
        Tribute.send(received).then().statusCode(200).body("result", equalTo("advanced"));
        FaultInjector.clearScript();
        Tribute.send(received.put("sent_at", "later")).then().statusCode(200).body("result", equalTo("duplicate"));

        assertEquals(before + 1, afterCommits(UPDATE));
        Payment payment = payments.findByRef(Provider.TRIBUTE, uuid).orElseThrow();
        assertEquals(PaymentStatus.PENDING, payment.status());
        assertEquals(1, payment.events().stream()
                .filter(entry -> "shop_order_payment_received".equals(entry.providerStatus())).count(),
                "one entry for the news: " + payment.events());
    }

    /**
     * ApiOrderStore.expire: the repeat is refused by the status it wrote; before write ids it said "left_as_is". The
     * expiry is a transaction now (it moves the user's order counts too), so the lost answer is scripted on that.
     */
    @Test
    void orderExpiry_shouldCountTheOrderExpired_whenItsUpdateCommitsAndTheAnswerIsLost() {
        Stocked stocked = Fixtures.product(1);
        Buyer buyer = Orders.buyer(null);
        // whatever earlier tests left waiting is expired first, so the scripted fault meets this order's write
        clock.advance(config.orders().paymentWindow().plusMinutes(1));
        TestStack.invoke(EXPIRY);
        String orderId = Json.parse(Orders.post(buyer, Orders.body(stocked.productId(), 1, null)).then()
                .statusCode(200).extract().asString()).path("id").asText();
        clock.advance(config.orders().paymentWindow().plusMinutes(1));
        long before = afterCommits(TRANSACT);

        FaultInjector.script(FaultKind.AFTER_COMMIT, TRANSACT, 1);
        JsonNode run = Json.parse(TestStack.invoke(EXPIRY));
        FaultInjector.clearScript();

        assertEquals(before + 1, afterCommits(TRANSACT));
        assertEquals(1, run.path("expired").asInt(), run.toString());
        assertEquals(0, run.path("left_as_is").asInt(), run.toString());
        JsonNode order = Json.parse(Orders.as(buyer).get("/api/orders/" + orderId).then().statusCode(200).extract()
                .asString());
        assertEquals("cancelled", order.path("status").asText());
        long expired = 0;
        for (JsonNode event : order.path("events")) {
            expired += "expired".equals(event.path("type").asText()) ? 1 : 0;
        }
        assertEquals(1, expired, order.toString());
    }

    /** PartnerStore.create: the repeat finds the partner it wrote; before write ids it said "partner_exists". */
    @Test
    void createPartner_shouldAnswerThePartner_whenItsPutCommitsAndTheAnswerIsLost() {
        String slug = Fixtures.unique("partner");
        ObjectNode event = Json.object().put("action", "createPartner").put("slug", slug);
        event.putArray("secrets").add("secret-" + UUID.randomUUID());
        long before = afterCommits(PUT);

        FaultInjector.script(FaultKind.AFTER_COMMIT, PUT, 1);
        JsonNode created = Fixtures.admin(event);
        FaultInjector.clearScript();
        JsonNode again = Fixtures.admin(event);

        assertEquals(before + 1, afterCommits(PUT));
        assertEquals(slug, created.path("slug").asText(), created.toString());
        assertEquals("partner_exists", again.path("error").asText(), again.toString());
    }

    /**
     * PartnerStore.update: the repeat would pass its condition and move the version on twice; its write id makes it a
     * no-op that answers the partner as the first attempt left it.
     */
    @Test
    void updatePartner_shouldAnswerAsWithoutTheFault_whenItsUpdateCommitsAndTheAnswerIsLost() {
        String slug = Fixtures.partner().slug();
        long version = Fixtures.admin(Json.object().put("action", "updatePartner").put("slug", slug)
                .put("active", true)).path("version").asLong();
        long before = afterCommits(UPDATE);

        FaultInjector.script(FaultKind.AFTER_COMMIT, UPDATE, 1);
        JsonNode updated = Fixtures.admin(Json.object().put("action", "updatePartner").put("slug", slug)
                .put("active", false));
        FaultInjector.clearScript();

        assertEquals(before + 1, afterCommits(UPDATE));
        assertEquals(false, updated.path("active").asBoolean(true), updated.toString());
        assertEquals(version + 1, updated.path("version").asLong(), "moved on once: " + updated);
    }

    /** PartnerStore.rotateSecret: the repeat is refused by the version it wrote, reads again, answers the rotation. */
    @Test
    void rotatePartnerSecret_shouldAnswerTheRotation_whenItsUpdateCommitsAndTheAnswerIsLost() {
        String slug = Fixtures.partner().slug();
        long version = Fixtures.admin(Json.object().put("action", "updatePartner").put("slug", slug)
                .put("active", true)).path("version").asLong();
        long before = afterCommits(UPDATE);

        FaultInjector.script(FaultKind.AFTER_COMMIT, UPDATE, 1);
        JsonNode rotated = Fixtures.admin(Json.object().put("action", "rotatePartnerSecret").put("slug", slug)
                .put("secret", "secret-" + UUID.randomUUID()).put("previousSecretTtlSeconds", 3600));
        FaultInjector.clearScript();

        assertEquals(before + 1, afterCommits(UPDATE));
        assertEquals(slug, rotated.path("slug").asText(), rotated.toString());
        assertEquals(2, rotated.path("liveSecrets").asInt(), rotated.toString());
        assertEquals(version + 1, rotated.path("version").asLong(), "moved on once: " + rotated);
    }

    /** PaymentStore.reschedule: no write id needed, the repeat passes the same condition; the answer stays true. */
    @Test
    void reschedule_shouldAnswerTrue_whenItsUpdateCommitsAndTheAnswerIsLost() {
        Buyer buyer = Orders.buyer(null);
        String uuid = UUID.randomUUID().toString();
        Tribute.topUp(buyer, "700", uuid);
        String paymentId = payments.findByRef(Provider.TRIBUTE, uuid).orElseThrow().paymentId();
        Instant next = clock.instant().plus(Duration.ofMinutes(7));
        long before = afterCommits(UPDATE);

        FaultInjector.script(FaultKind.AFTER_COMMIT, UPDATE, 1);
        boolean filed = payments.reschedule(paymentId, next);
        FaultInjector.clearScript();

        assertEquals(before + 1, afterCommits(UPDATE));
        assertTrue(filed);
        assertEquals(Times.sortable(next) + "#" + paymentId, attribute(paymentId, TableSchema.GSI2_SK));
    }

    /** PaymentStore.fileLatePoll: no write id needed, the repeat passes the same condition and writes the same. */
    @Test
    void fileLatePoll_shouldFileThePayment_whenItsUpdateCommitsAndTheAnswerIsLost() {
        Buyer buyer = Orders.buyer(null);
        String uuid = UUID.randomUUID().toString();
        Tribute.topUp(buyer, "700", uuid);
        Tribute.statusIs(uuid, "pending");
        Payment open = payments.findByRef(Provider.TRIBUTE, uuid).orElseThrow();
        clock.advance(Duration.between(clock.instant(), Instant.parse(open.payBy()))
                .plus(config.payments().closeGrace()).plusMinutes(1));
        TestStack.invoke("{\"job\": \"payment-reconcile\"}");
        assertEquals(PaymentStatus.EXPIRED, payments.find(open.paymentId()).orElseThrow().status());
        Instant next = clock.instant().plus(Duration.ofHours(3));
        long before = afterCommits(UPDATE);

        FaultInjector.script(FaultKind.AFTER_COMMIT, UPDATE, 1);
        payments.fileLatePoll(open.paymentId(), Optional.of(next));
        FaultInjector.clearScript();

        assertEquals(before + 1, afterCommits(UPDATE));
        assertEquals(Times.sortable(next) + "#" + open.paymentId(), attribute(open.paymentId(), TableSchema.GSI2_SK),
                "filed for its late poll");
    }

    private static long afterCommits(String operation) {
        return FaultInjector.counts().getOrDefault("after-commit " + operation, 0L);
    }

    private String attribute(String paymentId, String name) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(config.table().name())
                .key(Attrs.key("PAYMENT#" + paymentId, "PAYMENTREC"))
                .consistentRead(true).build()).item();
        return item.get(name).s();
    }
}
