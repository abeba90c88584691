package cc.marix.reseller.local;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A provider sandbox posting to one of our callback functions as its provider does: up to {@code attempts} tries,
 * waiting none before the first, then {@code retryWait}, then 2 x {@code retryWait}, and stopping at the first 2xx.
 * The request is built anew for every try, since providers sign each try afresh (a new timestamp or sent_at).
 */
final class CallbackPost {

    /** How the last try ended: its HTTP status (0 when no answer came) and body, and how many tries were made. */
    record Answer(int status, String body, int attempts) {
    }

    private CallbackPost() {
    }

    static Answer send(HttpClient http, Supplier<HttpRequest> request, int attempts, Duration retryWait,
            Consumer<Answer> afterEachTry) {
        Answer last = new Answer(0, "", 0);
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                Thread.sleep(retryWait.multipliedBy(attempt - 1).toMillis());
                HttpResponse<String> response = http.send(request.get(), HttpResponse.BodyHandlers.ofString());
                last = new Answer(response.statusCode(), response.body(), attempt);
            } catch (IOException | IllegalArgumentException e) {
                last = new Answer(0, "no answer: " + e, attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Answer(last.status(), "interrupted", attempt);
            }
            afterEachTry.accept(last);
            if (last.status() >= 200 && last.status() < 300) {
                break;
            }
        }
        return last;
    }

    /** The answer as a log line's tail: the status and body, or why none came. */
    static String describe(Answer answer) {
        return answer.status() == 0 ? answer.body() : answer.status() + " " + answer.body();
    }
}
