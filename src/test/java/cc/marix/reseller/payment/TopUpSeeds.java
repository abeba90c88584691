package cc.marix.reseller.payment;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cc.marix.reseller.account.BalanceCurrency;
import cc.marix.reseller.checkout.FiatTopups;
import cc.marix.reseller.store.TableSchema;
import cc.marix.reseller.support.Ids;
import cc.marix.reseller.support.Times;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Fiat top-up items for seeding (the bench): built by {@link PaymentItems}, as {@code FiatTopups} writes them. */
public final class TopUpSeeds {

    private TopUpSeeds() {
    }

    /** A paid fiat top-up of {@code userId} through Tribute, created at {@code createdAt}, as its item. */
    public static Map<String, AttributeValue> paidFiat(String userId, Instant createdAt) {
        String paymentId = new Ids(Clock.fixed(createdAt, ZoneOffset.UTC)).nextString();
        String at = Times.api(createdAt);
        BigDecimal amount = new BigDecimal("1000.00");
        Payment payment = new Payment(paymentId, userId, PaymentPurpose.FIAT_TOPUP, Provider.TRIBUTE,
                PaymentStatus.COMPLETED, "seed-" + paymentId, "paid", 1, BalanceCurrency.RUB, amount, BigDecimal.ONE,
                "rub", amount, "https://tribute.example/pay/" + paymentId, "https://shop.example/return", null, null,
                Times.api(createdAt.plusSeconds(1800)), at, null, amount, Set.of(), Set.of(),
                List.of(new PaymentEvent(at, "api", FiatTopups.CREATED, "payment page opened at tribute for "
                        + amount.toPlainString() + " rub"), new PaymentEvent(at, "tribute", "paid", "paid")));
        // written open at creation, as FiatTopups does; paid, it left the open index (PaymentProgress removes it)
        Map<String, AttributeValue> item = new HashMap<>(PaymentItems.toItem(payment, createdAt));
        item.remove(TableSchema.GSI2_PK);
        item.remove(TableSchema.GSI2_SK);
        return item;
    }
}
