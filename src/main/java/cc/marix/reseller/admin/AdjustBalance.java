package cc.marix.reseller.admin;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.account.Balance;
import cc.marix.reseller.account.BalanceCurrency;
import cc.marix.reseller.account.BalanceStore;
import cc.marix.reseller.account.UserStore;
import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.api.JsonFields;
import cc.marix.reseller.api.Violation;
import cc.marix.reseller.support.Ids;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code adjustBalance {userId, currency, amount, reason}}: credits (amount > 0) or debits (amount < 0) the available
 * balance through a ledger entry, in one transaction; a debit larger than what is available is refused (409).
 */
@ApplicationScoped
public class AdjustBalance implements AdminAction {

    @RegisterForReflection
    public record Adjustment(String userId, String currency, String amount, String entryId,
            List<Balance> balances) {
    }

    private final UserStore users;
    private final BalanceStore balances;
    private final Ids ids;
    private final Clock clock;

    public AdjustBalance(UserStore users, BalanceStore balances, Ids ids, Clock clock) {
        this.users = users;
        this.balances = balances;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "adjustBalance";
    }

    @Override
    public Object run(JsonNode event) {
        JsonFields fields = new JsonFields();
        String currencyText = fields.text(event, "currency", true, 10);
        Optional<BalanceCurrency> currency = currencyText == null ? Optional.empty()
                : BalanceCurrency.fromWire(currencyText);
        if (currencyText != null && currency.isEmpty()) {
            fields.add(Violation.of("Input should be 'rub', 'usd' or 'usdt'", "enum", "currency"));
        }
        String reason = fields.text(event, "reason", true, 500);
        BigDecimal amount = fields.signedAmount(event, "amount", true, currency.map(BalanceCurrency::scale).orElse(2));
        if (amount != null && amount.signum() == 0) {
            fields.add(Violation.of("The amount must not be zero", "value_error", "amount"));
        }
        fields.check();
        UserStore.Stored user = UserInput.existing(event, users);
        String entryId = ids.nextString();
        BalanceStore.Adjusted result = balances.adjust(user.user().id(), currency.get(), amount, reason, entryId,
                clock.instant().toString());
        if (result == BalanceStore.Adjusted.INSUFFICIENT) {
            throw new ApiException(409, "insufficient_balance", "the debit is larger than the available balance");
        }
        return new Adjustment(user.user().id(), currency.get().wire(), amount.toPlainString(), entryId,
                balances.balances(user.user().id()));
    }

}
