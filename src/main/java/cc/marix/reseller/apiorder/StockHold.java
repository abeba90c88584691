package cc.marix.reseller.apiorder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.api.Violation;
import cc.marix.reseller.stock.CodeStore;
import cc.marix.reseller.stock.StockCode;
import cc.marix.reseller.stock.StockLevel;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** Picks the codes an order's lines will claim (one Query per line), and the writes that claim them. */
@ApplicationScoped
public class StockHold {

    private final CodeStore codes;

    public StockHold(CodeStore codes) {
        this.codes = codes;
    }

    /**
     * The lines with codes picked among the available ones, and the stock levels their Queries proved
     * ({@link StockLevel}), to report once the claim is committed.
     */
    public record Held(List<OrderLine> lines, Map<String, Long> levelsAfter) {

        public void reportLevels() {
            levelsAfter.forEach(StockLevel::report);
        }
    }

    /** The lines with codes picked among the available ones; 409 {@code out_of_stock} when any line lacks them. */
    public Held hold(List<OrderLine> lines) {
        List<OrderLine> held = new ArrayList<>();
        Map<String, Long> levels = new LinkedHashMap<>();
        Map<String, Integer> claimedBefore = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            OrderLine line = lines.get(i);
            int asked = line.quantity() + CodeStore.PICK_SLACK;
            List<StockCode> candidates = codes.findAvailable(line.product().id(), asked);
            if (candidates.size() < line.quantity()) {
                throw new ApiException(409, "out_of_stock", "items[" + i + "]: " + candidates.size()
                        + " in stock, " + line.quantity() + " ordered; nothing was ordered or charged",
                        List.of(new Violation(List.of("body", "items", i, "quantity"), "Only " + candidates.size()
                                + " in stock", "out_of_stock", Map.of("available", candidates.size()))),
                        Map.of());
            }
            held.add(line.withCodes(CodeStore.pick(candidates, line.quantity())));
            // two lines of one product query the same codes: the level after both takes both
            int claimed = line.quantity() + claimedBefore.getOrDefault(line.product().id(), 0);
            claimedBefore.put(line.product().id(), claimed);
            StockLevel.afterClaim(candidates.size(), asked, claimed)
                    .ifPresent(level -> levels.put(line.product().id(), level));
        }
        return new Held(held, levels);
    }

    /** Deletes of the held codes (each fails if another order took it first) and the stock counters' updates. */
    public List<TransactWriteItem> claims(List<OrderLine> held) {
        List<TransactWriteItem> writes = new ArrayList<>();
        for (OrderLine line : held) {
            writes.addAll(codes.claimWrites(line.product().id(), line.codes()));
        }
        return writes;
    }
}
