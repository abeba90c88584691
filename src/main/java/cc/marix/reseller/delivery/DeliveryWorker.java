package cc.marix.reseller.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import cc.marix.reseller.catalog.CatalogStore;
import cc.marix.reseller.catalog.Product;
import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.metrics.Metric;
import cc.marix.reseller.metrics.Metrics;
import cc.marix.reseller.order.Delivery;
import cc.marix.reseller.order.Order;
import cc.marix.reseller.order.OrderEvent;
import cc.marix.reseller.order.OrderStatus;
import cc.marix.reseller.order.OrderStore;
import cc.marix.reseller.order.OrderStore.Leased;
import cc.marix.reseller.order.StepState;
import cc.marix.reseller.partner.Partner;
import cc.marix.reseller.partner.PartnerDirectory;
import cc.marix.reseller.support.CrashPoints;
import cc.marix.reseller.support.LogContext;
import cc.marix.reseller.support.MaskedEmail;
import cc.marix.reseller.support.Times;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Delivers an e-mail order: the e-mail first, then, only once the mail server accepted it, the signed callback.
 * Every attempt is an order event. A failure schedules the step again (persisted in the order, picked up by the retry
 * function) until the schedule runs out and the step is parked. The order is leased for the work, so duplicated
 * triggers (a stream record delivered twice, the retry function running at the same time) do nothing twice: a step
 * already done is never done again.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    /** Retries of the write that records an accepted e-mail: about 25 s in all, well within the lease. */
    static final int RECORD_ATTEMPTS = 7;
    /** A send that timed out may have gone through; the next attempt waits at least this long. */
    static final Duration UNKNOWN_OUTCOME_WAIT = Duration.ofMinutes(5);

    /** What one run did, for the functions' answers and logs. */
    public enum Outcome {
        NOTHING_DUE,
        DELIVERED,
        EMAIL_RETRY,
        CALLBACK_RETRY,
        PARKED,
        STOPPED,
        LEASE_LOST
    }

    private final OrderStore orders;
    private final CatalogStore catalog;
    private final PartnerDirectory partners;
    private final CustomerMailer mailer;
    private final PartnerCallbackSender callbacks;
    private final CallbackUrlPolicy policy;
    private final ObjectMapper json;
    private final Clock clock;
    private final RetrySchedule schedule;
    private final AppConfig.Delivery settings;

    public DeliveryWorker(OrderStore orders, CatalogStore catalog, PartnerDirectory partners, CustomerMailer mailer,
            PartnerCallbackSender callbacks, CallbackUrlPolicy policy, ObjectMapper json, Clock clock,
            AppConfig config) {
        this.orders = orders;
        this.catalog = catalog;
        this.partners = partners;
        this.mailer = mailer;
        this.callbacks = callbacks;
        this.policy = policy;
        this.json = json;
        this.clock = clock;
        this.settings = config.delivery();
        this.schedule = new RetrySchedule(settings.retrySchedule(), () -> ThreadLocalRandom.current().nextDouble());
    }

    public Outcome deliver(String orderId) {
        Instant now = clock.instant();
        Optional<Leased> lease = orders.lease(orderId, now, now.plus(settings.lease()));
        if (lease.isEmpty()) {
            return Outcome.NOTHING_DUE;
        }
        Leased leased = lease.get();
        Order order = leased.order();
        LogContext.orderId(order.orderId());
        LogContext.partner(order.partner());
        if (order.delivery().email().state() == StepState.PENDING) {
            EmailStep email = sendEmail(leased, order);
            if (email.sent() == null) {
                return email.outcome();
            }
            order = email.sent();
            // the e-mail's write moved the order (and its user's counts) to completed: later writes move from there
            leased = new Leased(order, leased.token());
        }
        if (order.delivery().email().state() == StepState.DONE
                && order.delivery().callback().state() == StepState.PENDING) {
            return counted(sendCallback(leased, order));
        }
        release(leased, order);
        return Outcome.NOTHING_DUE;
    }

    /** The e-mail step's outcome, and the order as it now stands when the e-mail was accepted. */
    private record EmailStep(Outcome outcome, Order sent) {
    }

    private EmailStep sendEmail(Leased leased, Order order) {
        Delivery delivery = order.delivery();
        int attempt = delivery.email().attempts() + 1;
        String target = "mailto:" + delivery.customerEmail();
        Product product = catalog.findProduct(order.productId()).orElse(null);
        if (product == null) {
            LOG.warnf("order %s: product %s is gone from the catalog; the e-mail names it by id", order.orderId(),
                    order.productId());
        }
        try {
            mailer.send(MailComposer.compose(order, product, delivery.language()), webhookId(order));
        } catch (RuntimeException failure) {
            Instant now = clock.instant();
            Optional<Instant> next = schedule.next(attempt, now);
            if (timedOut(failure) && next.isPresent() && next.get().isBefore(now.plus(UNKNOWN_OUTCOME_WAIT))) {
                // the server may still have accepted it: give the e-mail time to arrive before sending it again
                next = Optional.of(now.plus(UNKNOWN_OUTCOME_WAIT));
            }
            Delivery failed = delivery.withEmail(new Delivery.Step(next.isPresent() ? StepState.PENDING
                    : StepState.PARKED, attempt), next.map(Times::sortable).orElse(null));
            // types only: a mail server's message may quote the customer's address
            String why = failure.getClass().getSimpleName()
                    + (failure.getCause() == null ? "" : " / " + failure.getCause().getClass().getSimpleName());
            LOG.warnf("order %s: e-mail to %s, attempt %d failed (%s)%s", order.orderId(),
                    MaskedEmail.of(delivery.customerEmail()), attempt, why, next.isPresent() ? ", will retry"
                            : ", parked");
            OrderEvent event = new OrderEvent(Times.api(now), "email_attempt", order.status(),
                    "e-mail attempt " + attempt + " failed: " + why + (next.isPresent() ? "" : "; parked"), target,
                    null, next.map(Times::api).orElse(null));
            return new EmailStep(orders.record(leased, failed, order.status(), null, List.of(event), false)
                    ? (next.isPresent() ? Outcome.EMAIL_RETRY : Outcome.PARKED)
                    : Outcome.LEASE_LOST, null);
        }
        CrashPoints.reached(CrashPoints.AFTER_MAIL_ACCEPTED);
        Instant sentAt = clock.instant();
        // the callback is due at once; the lease is kept, so this worker goes straight on to it
        Delivery sent = delivery.withEmail(new Delivery.Step(StepState.DONE, attempt), Times.sortable(sentAt));
        OrderEvent event = new OrderEvent(Times.api(sentAt), "email_attempt", OrderStatus.COMPLETED,
                "e-mail attempt " + attempt + " accepted by the mail server; goods delivered", target, null, null);
        if (!recordAfterSend(leased, sent, Times.api(sentAt), event)) {
            LOG.warnf("order %s: lease lost after the e-mail was accepted", order.orderId());
            return new EmailStep(Outcome.LEASE_LOST, null);
        }
        LOG.infof("order %s: e-mail to %s accepted on attempt %d", order.orderId(),
                MaskedEmail.of(delivery.customerEmail()), attempt);
        Metrics.count(Metric.EMAILS_SENT);
        Metrics.count(Metric.ORDERS_DELIVERED, order.partner());
        return new EmailStep(Outcome.DELIVERED, order.after(sent, OrderStatus.COMPLETED, Times.api(sentAt)));
    }

    /** A callback's recorded outcome, counted; a lost lease recorded nothing, so it counts nothing. */
    private static Outcome counted(Outcome callback) {
        switch (callback) {
            case DELIVERED -> Metrics.count(Metric.CALLBACKS_ACKNOWLEDGED);
            case CALLBACK_RETRY -> Metrics.count(Metric.CALLBACKS_RETRIED);
            case PARKED -> Metrics.count(Metric.CALLBACKS_PARKED);
            default -> {
                // stopped for good (gone, refused, no secret) or lease lost: none of the three
            }
        }
        return callback;
    }

    private Outcome sendCallback(Leased leased, Order order) {
        Delivery delivery = order.delivery();
        int attempt = delivery.callback().attempts() + 1;
        Instant now = clock.instant();
        URI target;
        try {
            target = policy.check(delivery.callbackUrl());
        } catch (CallbackUrlRefused refused) {
            if (refused.transientFailure()) {
                return retryCallback(leased, order, attempt, now, "callback " + attempt + " not sent: "
                        + refused.getMessage());
            }
            return finish(leased, order, delivery.withCallback(new Delivery.Step(StepState.REJECTED, attempt), null),
                    new OrderEvent(Times.api(now), "callback_attempt", order.status(),
                            "callback " + attempt + " not sent: " + refused.getMessage(), delivery.callbackUrl(),
                            null, null),
                    Outcome.STOPPED);
        }
        Optional<Partner> partner = partners.find(order.partner());
        // a secret rotated out (or revoked) since the order was placed no longer signs anything
        List<String> secrets = partner.map(found -> found.liveSecrets(now)).orElse(List.of());
        if (secrets.isEmpty()) {
            return finish(leased, order, delivery.withCallback(new Delivery.Step(StepState.REJECTED, attempt), null),
                    new OrderEvent(Times.api(now), "callback_attempt", order.status(),
                            "callback " + attempt + " not sent: the partner has no signing secret",
                            delivery.callbackUrl(), null, null),
                    Outcome.STOPPED);
        }
        CallbackResult result = callbacks.send(target, callbackBody(order), secrets,
                webhookId(order), now.getEpochSecond());
        if (result.acknowledged()) {
            CrashPoints.reached(CrashPoints.AFTER_CALLBACK_ACKNOWLEDGED);
        }
        Instant answeredAt = clock.instant();
        Optional<Instant> next = result.retryable() ? schedule.next(attempt, answeredAt) : Optional.empty();
        StepState state = result.state(next.isPresent());
        String answer = result.httpStatus() != null ? "answered " + result.httpStatus()
                : "got no answer (" + result.failure() + ")";
        OrderEvent event = new OrderEvent(Times.api(answeredAt), "callback_attempt", order.status(),
                "callback " + attempt + " " + answer + "; " + state.wire(), delivery.callbackUrl(),
                result.httpStatus(), next.map(Times::api).orElse(null));
        LOG.infof("order %s: callback attempt %d %s -> %s", order.orderId(), attempt, answer, state.wire());
        Outcome outcome = switch (state) {
            case DONE -> Outcome.DELIVERED;
            case PENDING -> Outcome.CALLBACK_RETRY;
            case PARKED -> Outcome.PARKED;
            default -> Outcome.STOPPED;
        };
        return finish(leased, order, delivery.withCallback(new Delivery.Step(state, attempt),
                next.map(Times::sortable).orElse(null)), event, outcome);
    }

    /**
     * Records an e-mail the mail server accepted. This write must not be lost to a passing DynamoDB error: the step
     * would stay pending and the customer would get the e-mail again. So it is retried (it is conditional on our
     * lease, so a repeat is harmless) for as long as the lease lasts.
     */
    private boolean recordAfterSend(Leased leased, Delivery sent, String at, OrderEvent event) {
        // one write id for every pass: a pass that committed but surfaced an error refuses the next (counts move once)
        String write = orders.newWriteId();
        for (int attempt = 0;; attempt++) {
            try {
                return orders.record(leased, sent, OrderStatus.COMPLETED, at, List.of(event), true, write);
            } catch (SdkException e) {
                if (attempt >= RECORD_ATTEMPTS) {
                    throw e;
                }
                LOG.warnf("order %s: recording the accepted e-mail failed (%s), retrying",
                        leased.order().orderId(), e.getClass().getSimpleName());
                sleep(Duration.ofMillis(200L << Math.min(attempt, 6)));
            }
        }
    }

    static boolean timedOut(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The callback could not be attempted for a passing reason: due again per the schedule, or parked. */
    private Outcome retryCallback(Leased leased, Order order, int attempt, Instant now, String why) {
        Optional<Instant> next = schedule.next(attempt, now);
        StepState state = next.isPresent() ? StepState.PENDING : StepState.PARKED;
        OrderEvent event = new OrderEvent(Times.api(now), "callback_attempt", order.status(), why + "; " + state.wire(),
                order.delivery().callbackUrl(), null, next.map(Times::api).orElse(null));
        return finish(leased, order, order.delivery().withCallback(new Delivery.Step(state, attempt),
                next.map(Times::sortable).orElse(null)), event,
                next.isPresent() ? Outcome.CALLBACK_RETRY : Outcome.PARKED);
    }

    private Outcome finish(Leased leased, Order order, Delivery delivery, OrderEvent event, Outcome outcome) {
        return orders.record(leased, delivery, order.status(), null, List.of(event), false) ? outcome
                : Outcome.LEASE_LOST;
    }

    private void release(Leased leased, Order order) {
        orders.record(leased, order.delivery().withCallback(order.delivery().callback(), null), order.status(), null,
                List.of(), false);
    }

    /** Stable across retries, so a partner can drop a callback it has already processed. */
    static String webhookId(Order order) {
        return "msg_" + order.orderId();
    }

    private byte[] callbackBody(Order order) {
        try {
            return json.writeValueAsBytes(new CallbackBody("fulfilled", order.orderId(), order.externalOrderId(),
                    order.delivery().customerEmail(), Order.DELIVERY_EMAIL, order.fulfilledAt()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
