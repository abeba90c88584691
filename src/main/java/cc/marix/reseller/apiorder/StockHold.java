package cc.marix.reseller.apiorder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.api.Violation;
import cc.marix.reseller.stock.CodeStore;
import cc.marix.reseller.stock.StockCode;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** Picks the codes an order's lines will claim (one Query per line), and the writes that claim them. */
@ApplicationScoped
public class StockHold {

    private final CodeStore codes;

    public StockHold(CodeStore codes) {
        this.codes = codes;
    }

    /** The lines with codes picked among the available ones; 409 {@code out_of_stock} when any line lacks them. */
    public List<OrderLine> hold(List<OrderLine> lines) {
        List<OrderLine> held = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            OrderLine line = lines.get(i);
            List<StockCode> candidates = codes.findAvailable(line.product().id(),
                    line.quantity() + CodeStore.PICK_SLACK);
            if (candidates.size() < line.quantity()) {
                throw new ApiException(409, "out_of_stock", "items[" + i + "]: " + candidates.size()
                        + " in stock, " + line.quantity() + " ordered; nothing was ordered or charged",
                        List.of(new Violation(List.of("body", "items", i, "quantity"), "Only " + candidates.size()
                                + " in stock", "out_of_stock", Map.of("available", candidates.size()))),
                        Map.of());
            }
            held.add(line.withCodes(CodeStore.pick(candidates, line.quantity())));
        }
        return held;
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
