package cc.marix.reseller.order;

import java.util.Locale;

/**
 * Where one delivery step stands. {@code PENDING} will be tried (again); {@code DONE} means the mail server accepted
 * the e-mail, or the partner acknowledged the callback with a 2xx; the others end the step without success:
 * {@code PARKED} after the last retry (admin replayCallback sends it again), {@code GONE} when the partner
 * answered 410, {@code REJECTED} for any other 4xx or a URL we may not call.
 */
public enum StepState {
    PENDING,
    DONE,
    PARKED,
    GONE,
    REJECTED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static StepState fromWire(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
