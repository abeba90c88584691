package cc.marix.reseller.stock;

/** One deliverable unit of a product: a code, link or text, identified by its own id. */
public record StockCode(String codeId, CodeType type, String value) {

    /** Never print the value: codes are money. */
    @Override
    public String toString() {
        return "StockCode[" + codeId + ", " + type.wire() + "]";
    }
}
