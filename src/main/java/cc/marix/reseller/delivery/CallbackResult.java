package cc.marix.reseller.delivery;

import cc.marix.reseller.order.StepState;

/** What a callback attempt got: an HTTP status, or no answer at all (a connection error or timeout). */
public record CallbackResult(Integer httpStatus, String failure) {

    public static CallbackResult answered(int status) {
        return new CallbackResult(status, null);
    }

    public static CallbackResult noAnswer(String failure) {
        return new CallbackResult(null, failure);
    }

    public boolean acknowledged() {
        return httpStatus != null && httpStatus >= 200 && httpStatus < 300;
    }

    /** 410: the partner says this endpoint is gone for good. */
    public boolean gone() {
        return httpStatus != null && httpStatus == 410;
    }

    /** Worth another attempt: no answer, a server error, or 429. */
    public boolean retryable() {
        return httpStatus == null || httpStatus >= 500 || httpStatus == 429;
    }

    /**
     * Where the delivery stands after this answer: acknowledged {@code DONE}, 410 {@code GONE}, another 4xx
     * {@code REJECTED}; a retryable failure {@code PENDING} while the schedule has an attempt left, else
     * {@code PARKED}.
     */
    public StepState state(boolean attemptLeft) {
        return acknowledged() ? StepState.DONE
                : gone() ? StepState.GONE
                : !retryable() ? StepState.REJECTED
                : attemptLeft ? StepState.PENDING : StepState.PARKED;
    }
}
