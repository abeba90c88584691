package cc.marix.reseller.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.local.StreamFeeder;
import cc.marix.reseller.signing.PartnerSignature;
import cc.marix.reseller.testing.Fixtures;
import cc.marix.reseller.testing.Fixtures.Stocked;
import cc.marix.reseller.testing.Fixtures.TestPartner;
import cc.marix.reseller.testing.GreenMailResource;
import cc.marix.reseller.testing.Notifications;
import cc.marix.reseller.testing.PartnerEndpoint;
import cc.marix.reseller.testing.Streams;
import cc.marix.reseller.testing.TestClock;
import cc.marix.reseller.testing.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * In AWS the delivery worker runs in its own containers, which have not seen the partner the webhook cached: it reads
 * the partner (its signing secrets) from the table. Here one process serves every function, so the test lets the
 * shared cache go stale first; the worker's read is what template.yaml must grant it.
 */
@QuarkusTest
class ColdWorkerDeliveryTest {

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
        partnerEndpoint = PartnerEndpoint.open();
    }

    @AfterEach
    void tearDown() {
        partnerEndpoint.stop();
    }

    @Test
    void aWorkerThatNeverSawThePartner_shouldReadIt_andSendOneMailAndOneSignedCallback() {
        partnerEndpoint.answers(200);
        StreamFeeder stream = Streams.feeder(dynamo, config.table().name());
        Stocked stocked = Fixtures.product(2);
        TestPartner partner = Fixtures.partner(stocked.productId());
        String customer = "buyer-" + UUID.randomUUID() + "@example.com";
        ObjectNode order = partnerEndpoint.emailOrder(Fixtures.unique("COLD"), stocked.productId(), customer, "en");
        Notifications.send(partner, order, UUID.randomUUID().toString()).then().statusCode(202);
        clock.advance(config.partner().cacheTtl().plusSeconds(1));

        assertEquals(1, Streams.feed(stream));

        assertEquals(1, GreenMailResource.smtp().getReceivedMessagesForDomain(customer).length);
        List<LoggedRequest> callbacks = partnerEndpoint.callbacks();
        assertEquals(1, callbacks.size());
        assertEquals(PartnerSignature.sign(partner.secret(), callbacks.get(0).getBody()),
                callbacks.get(0).getHeader("X-Signature"));
    }
}
