package cc.marix.reseller.payment;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import cc.marix.reseller.account.BalanceCurrency;
import cc.marix.reseller.store.Attrs;
import cc.marix.reseller.store.TableSchema;
import cc.marix.reseller.support.Times;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps a {@link Payment} to its item {@code PAYMENT#<paymentId> / PAYMENTREC}. gsi1 lists a user's top-ups of one
 * kind newest first ({@code USER_TOPUPS#<userId>#<crypto|fiat>}, by payment id, a UUIDv7); gsi2 holds the payment
 * while it is open ({@code PAYMENT_OPEN}, by when the reconcile function should ask the provider next). Tribute's
 * webhook names only Tribute's order uuid, so that payment has a pointer item {@code PAYREF#tribute#<uuid>}, written
 * with it; an order's current payment is pointed at by {@code PAYREF#order#<orderId>}. A payment closed
 * {@code expired} stays in gsi2 for its late polls ({@link LatePolls}), then leaves it.
 */
final class PaymentItems {

    static final String PK_PREFIX = "PAYMENT#";
    /** Not {@code PAYMENT}: that sort key is the applied-payment-reference item of order payments. */
    static final String SK = "PAYMENTREC";
    static final String REF_PREFIX = "PAYREF#";
    static final String REF_SK = "PAYREF";
    static final String OPEN = "PAYMENT_OPEN";
    static final String USER_TOPUPS = "USER_TOPUPS#";

    static final String STATUS = "status";
    static final String PROVIDER_STATUS = "providerStatus";
    static final String PROVIDER_RANK = "providerRank";
    static final String CREDITED_AMOUNT = "creditedAmount";
    static final String FLAGS = "flags";
    static final String SEEN = "seen";
    static final String EVENTS = "events";
    static final String EXPIRED_AT = "expiredAt";

    private PaymentItems() {
    }

    static Map<String, AttributeValue> key(String paymentId) {
        return Attrs.key(PK_PREFIX + paymentId, SK);
    }

    static Map<String, AttributeValue> refKey(String kind, String ref) {
        return Attrs.key(REF_PREFIX + kind + "#" + ref, REF_SK);
    }

    static Map<String, AttributeValue> toItem(Payment payment, Instant checkAt) {
        Map<String, AttributeValue> item = new HashMap<>(key(payment.paymentId()));
        item.put("paymentId", Attrs.s(payment.paymentId()));
        item.put("userId", Attrs.s(payment.userId()));
        item.put("purpose", Attrs.s(payment.purpose().wire()));
        item.put("provider", Attrs.s(payment.provider().wire()));
        item.put(STATUS, Attrs.s(payment.status().wire()));
        item.put("providerRef", Attrs.s(payment.providerRef()));
        item.put(PROVIDER_STATUS, Attrs.s(payment.providerStatus()));
        item.put(PROVIDER_RANK, Attrs.n(payment.providerRank()));
        item.put("balanceCurrency", Attrs.s(payment.balanceCurrency().wire()));
        item.put("quoteAmount", Attrs.n(payment.quoteAmount()));
        item.put("rate", Attrs.n(payment.rate()));
        item.put("paymentCurrency", Attrs.s(payment.paymentCurrency()));
        item.put("paymentAmount", Attrs.n(payment.paymentAmount()));
        Attrs.putIfPresent(item, "confirmationUrl", payment.confirmationUrl());
        Attrs.putIfPresent(item, "returnUrl", payment.returnUrl());
        Attrs.putIfPresent(item, "orderId", payment.orderId());
        if (payment.crypto() != null) {
            Payment.CryptoDeposit crypto = payment.crypto();
            item.put("chain", Attrs.s(crypto.chain()));
            item.put("asset", Attrs.s(crypto.asset()));
            Attrs.putIfPresent(item, "address", crypto.address());
            Attrs.putIfPresent(item, "tokenAddress", crypto.tokenAddress());
            item.put("ipnSecret", Attrs.s(crypto.ipnSecret()));
        }
        item.put("payBy", Attrs.s(payment.payBy()));
        item.put("createdAt", Attrs.s(payment.createdAt()));
        Attrs.putIfPresent(item, EXPIRED_AT, payment.expiredAt());
        item.put(EVENTS, Attrs.list(payment.events().stream().map(PaymentItems::event).toList()));
        if (payment.purpose().topUp()) {
            item.put(TableSchema.GSI1_PK, Attrs.s(USER_TOPUPS + payment.userId() + "#" + payment.purpose().wire()));
            item.put(TableSchema.GSI1_SK, Attrs.s(payment.paymentId()));
        }
        item.putAll(openKeys(checkAt, payment.paymentId()));
        return item;
    }

    static Map<String, AttributeValue> openKeys(Instant checkAt, String paymentId) {
        return Map.of(TableSchema.GSI2_PK, Attrs.s(OPEN),
                TableSchema.GSI2_SK, Attrs.s(Times.sortable(checkAt) + "#" + paymentId));
    }

    static Payment fromItem(Map<String, AttributeValue> item) {
        Payment.CryptoDeposit crypto = item.containsKey("chain")
                ? new Payment.CryptoDeposit(Attrs.str(item, "chain"), Attrs.str(item, "asset"),
                        Attrs.str(item, "address"), Attrs.str(item, "tokenAddress"), Attrs.str(item, "ipnSecret"))
                : null;
        return new Payment(
                Attrs.str(item, "paymentId"),
                Attrs.str(item, "userId"),
                PaymentPurpose.fromWire(Attrs.str(item, "purpose")),
                Provider.fromWire(Attrs.str(item, "provider")).orElseThrow(),
                PaymentStatus.fromWire(Attrs.str(item, STATUS)),
                Attrs.str(item, "providerRef"),
                Attrs.str(item, PROVIDER_STATUS),
                (int) Attrs.longValue(item, PROVIDER_RANK, 0),
                BalanceCurrency.fromWire(Attrs.str(item, "balanceCurrency")).orElseThrow(),
                Attrs.decimal(item, "quoteAmount"),
                Attrs.decimal(item, "rate"),
                Attrs.str(item, "paymentCurrency"),
                Attrs.decimal(item, "paymentAmount"),
                Attrs.str(item, "confirmationUrl"),
                Attrs.str(item, "returnUrl"),
                Attrs.str(item, "orderId"),
                crypto,
                Attrs.str(item, "payBy"),
                Attrs.str(item, "createdAt"),
                Attrs.str(item, EXPIRED_AT),
                Attrs.decimal(item, CREDITED_AMOUNT),
                new LinkedHashSet<>(Attrs.strings(item, FLAGS)),
                new LinkedHashSet<>(Attrs.strings(item, SEEN)),
                Attrs.listValue(item, EVENTS).stream().map(value -> toEvent(value.m())).toList());
    }

    static AttributeValue event(PaymentEvent event) {
        Map<String, AttributeValue> map = new HashMap<>();
        map.put("at", Attrs.s(event.at()));
        map.put("origin", Attrs.s(event.origin()));
        Attrs.putIfPresent(map, "providerStatus", event.providerStatus());
        map.put("detail", Attrs.s(event.detail()));
        return Attrs.map(map);
    }

    static PaymentEvent toEvent(Map<String, AttributeValue> map) {
        return new PaymentEvent(Attrs.str(map, "at"), Attrs.str(map, "origin"), Attrs.str(map, "providerStatus"),
                Attrs.str(map, "detail"));
    }

    static List<AttributeValue> events(PaymentEvent event) {
        return List.of(event(event));
    }
}
