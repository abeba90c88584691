package cc.marix.reseller.support;

import org.jboss.logging.MDC;

/**
 * The ids an invocation's log lines carry once they are known (functions.md, "Logs"): in AWS each is a field of the
 * JSON line's {@code mdc}. The MDC lives in the request's own context and is cleared when an invocation opens
 * ({@code lambda.InvocationScope}), so none of these reaches the next invocation of a warm function.
 */
public final class LogContext {

    public static final String FUNCTION = "function";
    public static final String AWS_REQUEST_ID = "awsRequestId";
    public static final String ORDER_ID = "orderId";
    public static final String PAYMENT_ID = "paymentId";
    public static final String PARTNER = "partner";
    public static final String USER_ID = "userId";

    private LogContext() {
    }

    public static void orderId(String orderId) {
        put(ORDER_ID, orderId);
    }

    public static void paymentId(String paymentId) {
        put(PAYMENT_ID, paymentId);
    }

    public static void partner(String slug) {
        put(PARTNER, slug);
    }

    public static void userId(String userId) {
        put(USER_ID, userId);
    }

    private static void put(String key, String value) {
        if (value != null) {
            MDC.put(key, value);
        }
    }
}
