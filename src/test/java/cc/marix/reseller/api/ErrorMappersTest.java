package cc.marix.reseller.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.SocketTimeoutException;
import java.util.Arrays;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** DynamoDB's failures as callers see them: what a retry can mend is 503 with Retry-After, never a 500. */
class ErrorMappersTest {

    private final ErrorMappers mappers = new ErrorMappers();

    @Test
    void throttling_shouldBe503Throttled() {
        assertUnavailable(mappers.dynamo(ProvisionedThroughputExceededException.builder().statusCode(400)
                .awsErrorDetails(details("ProvisionedThroughputExceededException")).build()), "throttled");
    }

    @Test
    void a500_shouldBe503StoreUnavailable() {
        assertUnavailable(mappers.dynamo((DynamoDbException) DynamoDbException.builder().statusCode(500)
                .awsErrorDetails(details("InternalServerError")).build()), "store_unavailable");
    }

    @Test
    void aTimeout_shouldBe503StoreUnavailable() {
        assertUnavailable(mappers.sdk(SdkClientException.builder().message("timed out")
                .cause(new SocketTimeoutException("Read timed out")).build()), "store_unavailable");
    }

    @Test
    void aTransactionLostToConflicts_shouldBe503Contention() {
        assertUnavailable(mappers.dynamo(cancelled("TransactionConflict", "None")), "contention");
    }

    @Test
    void aTransactionCancelledByThrottling_shouldBe503Contention() {
        // DynamoDB cancels a throttled transaction (it does not fail the call), so the SDK never retries it
        assertUnavailable(mappers.dynamo(cancelled("None", "ThrottlingError")), "contention");
        assertUnavailable(mappers.dynamo(cancelled("ProvisionedThroughputExceeded", "TransactionConflict")),
                "contention");
    }

    @Test
    void aTransactionRefusedByACondition_shouldStayA500_whenItEscapes() {
        // a condition no caller handled is our bug, and the same request fails again: no invitation to retry
        Response response = mappers.dynamo(cancelled("TransactionConflict", "ConditionalCheckFailed"));

        assertEquals(500, response.getStatus());
        assertEquals("internal_error", ((ApiError) response.getEntity()).error());
    }

    private static TransactionCanceledException cancelled(String... codes) {
        return (TransactionCanceledException) TransactionCanceledException.builder().statusCode(400)
                .awsErrorDetails(details("TransactionCanceledException"))
                .cancellationReasons(Arrays.stream(codes).map(code -> CancellationReason.builder().code(code).build())
                        .toList())
                .build();
    }

    private static AwsErrorDetails details(String code) {
        return AwsErrorDetails.builder().errorCode(code).serviceName("DynamoDb").build();
    }

    private static void assertUnavailable(Response response, String error) {
        assertEquals(503, response.getStatus());
        assertEquals("1", response.getHeaderString("Retry-After"));
        assertEquals(error, ((ApiError) response.getEntity()).error());
    }
}
