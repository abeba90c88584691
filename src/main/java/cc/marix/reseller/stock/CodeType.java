package cc.marix.reseller.stock;

import java.util.Locale;
import java.util.Optional;

/** What a delivered value is, as the seed's {@code payload.type} says: an activation code, a link or a text. */
public enum CodeType {
    CODE,
    LINK,
    TEXT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<CodeType> fromWire(String text) {
        for (CodeType type : values()) {
            if (type.wire().equals(text)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
