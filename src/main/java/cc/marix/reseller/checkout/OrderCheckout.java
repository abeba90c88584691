package cc.marix.reseller.checkout;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.apiorder.ApiOrder;
import cc.marix.reseller.apiorder.ApiOrderStore;
import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.order.OrderStatus;
import cc.marix.reseller.payment.Payment;
import cc.marix.reseller.payment.PaymentEvent;
import cc.marix.reseller.payment.PaymentPurpose;
import cc.marix.reseller.payment.PaymentStatus;
import cc.marix.reseller.payment.PaymentStore;
import cc.marix.reseller.payment.Provider;
import cc.marix.reseller.store.Cancellation;
import cc.marix.reseller.support.Ids;
import cc.marix.reseller.support.LogContext;
import cc.marix.reseller.support.Times;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Opens (or returns the still-live) provider payment of an order waiting for one. The page is payable until the
 * order's payment window closes (or the fiat window, if sooner); a payment that arrives after the order was
 * cancelled goes to the balance ({@code OrderPayments}). Two requests racing for one order get one payment: the
 * order's pointer to its payment is written only if it still points where the request saw it.
 */
@ApplicationScoped
public class OrderCheckout {

    private static final Logger LOG = Logger.getLogger(OrderCheckout.class);
    static final int ORDER_CHECK = 1;

    private final ApiOrderStore orders;
    private final PaymentStore payments;
    private final PaymentPages pages;
    private final Ids ids;
    private final Clock clock;
    private final AppConfig.Payments settings;

    public OrderCheckout(ApiOrderStore orders, PaymentStore payments, PaymentPages pages, Ids ids, Clock clock,
            AppConfig config) {
        this.orders = orders;
        this.payments = payments;
        this.pages = pages;
        this.ids = ids;
        this.clock = clock;
        this.settings = config.payments();
    }

    public Payment pay(String userId, String orderId) {
        LogContext.orderId(orderId);
        ApiOrder order = orders.find(orderId).filter(found -> found.userId().equals(userId))
                .orElseThrow(() -> ApiException.notFound("order_not_found", "no order " + orderId));
        if (order.status() != OrderStatus.PENDING_PAYMENT) {
            throw notPayable(order.status().wire());
        }
        Instant now = clock.instant();
        Optional<Payment> current = payments.forOrder(orderId);
        if (current.isPresent() && live(current.get(), now)) {
            return current.get();
        }
        Provider provider = Provider.fromWire(settings.orderProvider()).orElseThrow();
        String paymentId = ids.nextString();
        PaymentPages.Page page = pages.open(provider, paymentId, order.price(), order.currency().wire(),
                "Order " + orderId, "Marix order " + orderId + ": " + order.codeCount() + " code(s)",
                settings.returnUrl());
        Instant payBy = earliest(Instant.parse(order.paymentExpiresAt()), now.plus(settings.fiatWindow()));
        String at = Times.api(now);
        Payment payment = new Payment(paymentId, userId, PaymentPurpose.ORDER, provider, PaymentStatus.PENDING,
                page.ref(), FiatTopups.CREATED, FiatTopups.CREATED_RANK, order.currency(), order.price(),
                BigDecimal.ONE, order.currency().wire(), order.price(), page.url(), settings.returnUrl(),
                orderId, null, Times.api(payBy), at, null, null, Set.of(), Set.of(),
                List.of(new PaymentEvent(at, "api", FiatTopups.CREATED, "payment page opened at " + provider.wire()
                        + " for order " + orderId)));
        try {
            payments.create(payment, now.plus(settings.pollInterval()), List.of(
                    payments.orderPointer(orderId, paymentId, current.map(Payment::paymentId).orElse(null)),
                    orders.requirePending(orderId)));
        } catch (TransactionCanceledException refused) {
            if (Cancellation.conditionFailed(refused, ORDER_CHECK)) {
                throw notPayable("no longer pending_payment");
            }
            // another request opened one first (or was opening it: a conflict): that one is the order's payment;
            // if it is not there yet, nothing was written and the client may simply ask again
            return payments.forOrder(orderId).filter(winner -> live(winner, now)).orElseThrow(OrderCheckout::busy);
        }
        LogContext.paymentId(paymentId);
        LOG.infof("order %s: payment %s opened at %s", orderId, paymentId, provider.wire());
        return payment;
    }

    /**
     * Still the order's payment: open, and either its window is open or the provider says the money is on its way
     * (a second page then could take the money twice).
     */
    private static boolean live(Payment payment, Instant now) {
        return payment.status() == PaymentStatus.PENDING && (Instant.parse(payment.payBy()).isAfter(now)
                || payment.moneyOnItsWay());
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static ApiException busy() {
        return ApiException.unavailable("contention", "the order's payment is being opened; retry", 1);
    }

    private static ApiException notPayable(String status) {
        return new ApiException(409, "order_not_payable", "the order is " + status
                + "; only a pending_payment order can be paid");
    }
}
