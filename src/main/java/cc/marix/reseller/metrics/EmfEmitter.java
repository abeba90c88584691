package cc.marix.reseller.metrics;

import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import cc.marix.reseller.config.AppConfig;

/**
 * Prints an invocation's metrics on stdout, one EMF document a line: Lambda sends stdout to the function's log group,
 * where CloudWatch extracts the metrics. Not through the logger: in AWS a log line is itself a JSON object (the
 * logger's), and an EMF document must be the whole line. The log goes to stderr, so stdout carries nothing else.
 */
@ApplicationScoped
public class EmfEmitter {

    private final Clock clock;
    private final String namespace;

    public EmfEmitter(Clock clock, AppConfig config) {
        this.clock = clock;
        this.namespace = config.metrics().namespace();
    }

    /** Prints what the invocation counted (nothing, when it counted nothing). Called once, at its end. */
    public void emit(InvocationMetrics metrics) {
        Map<InvocationMetrics.Key, Long> values = metrics.drain();
        if (values.isEmpty()) {
            return;
        }
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("function", metrics.function());
        if (metrics.requestId() != null) {
            properties.put("awsRequestId", metrics.requestId());
        }
        StringBuilder text = new StringBuilder();
        for (String line : EmfLines.render(namespace, clock.instant(), properties, values)) {
            text.append(line).append('\n');
        }
        // read at each use, not kept: a test that captures stdout replaces System.out
        PrintStream out = System.out;
        synchronized (out) {
            out.print(text);
            out.flush();
        }
    }
}
