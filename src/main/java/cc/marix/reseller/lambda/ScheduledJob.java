package cc.marix.reseller.lambda;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.api.ApiException;

/** The constant input of a scheduled function ({@code {"job": "<name>"}}), which tells its event from any other. */
public final class ScheduledJob {

    private ScheduledJob() {
    }

    public static boolean is(JsonNode event, String job) {
        return job.equals(event.path("job").asText());
    }

    /** Refuses (400 {@code unknown_job}) an event that is not this job's. */
    public static void require(JsonNode event, String job) {
        if (!is(event, job)) {
            throw ApiException.badRequest("unknown_job", "expected {\"job\": \"" + job + "\"}");
        }
    }
}
