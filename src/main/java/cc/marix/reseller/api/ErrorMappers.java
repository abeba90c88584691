package cc.marix.reseller.api;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import cc.marix.reseller.support.CrashPoints;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/**
 * Turns every failure into the {@link ApiError} shape. Nothing here echoes a request body, and nothing unexpected
 * reaches the client as a stack trace: the log gets the exception type and message, the client a stable code.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);
    private static final int RETRY_AFTER_SECONDS = 1;
    /** Cancellation reasons that pass by themselves: DynamoDB's documented codes for conflicts and throttling. */
    private static final Set<String> TRANSIENT_REASONS = Set.of("TransactionConflict", "ThrottlingError",
            "ProvisionedThroughputExceeded", "RequestLimitExceeded");

    @ServerExceptionMapper
    public Response api(ApiException e) {
        Response.ResponseBuilder response = Response.status(e.status()).type(MediaType.APPLICATION_JSON)
                .entity(e.body());
        e.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return api(ApiException.notFound("not_found", "no such route"));
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        return api(ApiException.methodNotAllowed(new TreeSet<>(e.getResponse().getAllowedMethods())));
    }

    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e) {
        return api(new ApiException(415, "unsupported_media_type", "send application/json"));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 413) {
            return api(ApiException.tooLarge("request body is too large"));
        }
        if (status >= 500) {
            LOG.errorf("request failed: %s", e.getClass().getName());
            return api(new ApiException(500, "internal_error", "internal error"));
        }
        return api(new ApiException(status, "bad_request", "request cannot be served"));
    }

    /**
     * Throttling is the caller's cue to come back shortly, not a failure of ours; so is a transaction that lost a
     * conflict with another in flight (it changed nothing, the same request succeeds later).
     */
    @ServerExceptionMapper
    public Response dynamo(DynamoDbException e) {
        if (e.isThrottlingException() || "RequestLimitExceeded".equals(errorCode(e))) {
            LOG.warnf("DynamoDB throttled: %s", errorCode(e));
            return api(ApiException.unavailable("throttled", "busy, retry shortly", RETRY_AFTER_SECONDS));
        }
        if (conflicted(e)) {
            LOG.warnf("DynamoDB transaction conflict: %s", errorCode(e));
            return api(ApiException.unavailable("contention", "busy, retry shortly", RETRY_AFTER_SECONDS));
        }
        if (e.statusCode() >= 400 && e.statusCode() < 500) {
            // a request DynamoDB refuses (too large, invalid) fails again on retry: do not invite one
            LOG.errorf("DynamoDB refused a request: %s", errorCode(e));
            return api(new ApiException(500, "internal_error", "internal error"));
        }
        LOG.errorf("DynamoDB call failed: %s", errorCode(e));
        return api(ApiException.unavailable("store_unavailable", "storage is unavailable, retry shortly",
                RETRY_AFTER_SECONDS));
    }

    @ServerExceptionMapper
    public Response sdk(SdkException e) {
        LOG.errorf("AWS call failed: %s (cause %s); a write may have committed before the failure, a retry replays it",
                e.getClass().getName(), e.getCause() == null ? "none" : e.getCause().getClass().getName());
        return api(ApiException.unavailable("store_unavailable", "storage is unavailable, retry shortly",
                RETRY_AFTER_SECONDS));
    }

    /** A test's crash point: the handler's edge fails the invocation (CrashPoints.Died), no caller sees this. */
    @ServerExceptionMapper
    public Response crashed(CrashPoints.ProcessCrash e) {
        return Response.status(500).header(CrashPoints.HEADER, e.point()).build();
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e) {
        LOG.errorf("unexpected failure: %s at %s", e.getClass().getName(), firstFrame(e));
        return api(new ApiException(500, "internal_error", "internal error"));
    }

    /**
     * Cancelled only for reasons that pass (a conflict with another transaction in flight, or DynamoDB throttling an
     * item: it cancels a throttled transaction rather than failing the call, so the SDK does not retry it), no
     * condition of ours refused and nothing invalid: the same request succeeds later.
     */
    private static boolean conflicted(DynamoDbException e) {
        if (e instanceof TransactionConflictException) {
            return true;
        }
        if (!(e instanceof TransactionCanceledException cancelled) || !cancelled.hasCancellationReasons()) {
            return false;
        }
        List<String> codes = cancelled.cancellationReasons().stream().map(CancellationReason::code)
                .filter(code -> code != null && !"None".equals(code)).toList();
        return !codes.isEmpty() && TRANSIENT_REASONS.containsAll(codes);
    }

    private static String errorCode(DynamoDbException e) {
        return e.awsErrorDetails() == null ? "unknown" : e.awsErrorDetails().errorCode();
    }

    private static String firstFrame(Throwable e) {
        StackTraceElement[] trace = e.getStackTrace();
        return trace.length == 0 ? "?" : trace[0].toString();
    }
}
