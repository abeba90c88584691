package cc.marix.reseller.order;

/**
 * How an e-mail order reaches the customer and the partner: the e-mail first, then the signed callback. Each step
 * counts its attempts; {@code nextAttemptAt} is when the worker should try again (null when nothing is due).
 */
public record Delivery(
        String customerEmail,
        String callbackUrl,
        String language,
        Step email,
        Step callback,
        String nextAttemptAt) {

    /** One step's state and how many attempts it took so far. */
    public record Step(StepState state, int attempts) {

        public static Step pending() {
            return new Step(StepState.PENDING, 0);
        }
    }

    /** Never print the customer's address. */
    @Override
    public String toString() {
        return "Delivery[email " + email + ", callback " + callback + ", next " + nextAttemptAt + "]";
    }

    public boolean due() {
        return nextAttemptAt != null;
    }

    public Delivery withEmail(Step step, String next) {
        return new Delivery(customerEmail, callbackUrl, language, step, callback, next);
    }

    public Delivery withCallback(Step step, String next) {
        return new Delivery(customerEmail, callbackUrl, language, email, step, next);
    }
}
