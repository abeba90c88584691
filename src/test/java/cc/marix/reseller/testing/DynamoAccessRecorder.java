package cc.marix.reseller.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Records, for every deployed function, the DynamoDB permissions its calls need while the test suite runs it, into
 * {@link #RECORDING}; {@code lambda.DynamoGrantsAudit} compares the recording with template.yaml after the suite.
 * Registered by name in the test profile (quarkus.dynamodb.interceptors). Each Quarkus restart (a test profile)
 * loads this class afresh, so every new line is appended at once and the file is emptied once per JVM (a system
 * property survives the class loaders). Calls on the tests' own threads are their set-up and
 * are not recorded.
 */
public class DynamoAccessRecorder implements ExecutionInterceptor {

    public static final Path RECORDING = Path.of("target", "dynamodb-access.tsv");
    private static final String STARTED = "reseller.dynamodb-access.started";
    /** Recorded for calls the application made outside any function's request or event. */
    public static final String UNATTRIBUTED = "(unattributed)";
    private static final String APP_THREADS = "executor-thread";
    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String function = CalledFor.current();
        if (function == null) {
            if (!Thread.currentThread().getName().startsWith(APP_THREADS)) {
                return;
            }
            // the application's own thread serving no known function: the audit reports it, never ignores it
            function = UNATTRIBUTED;
        }
        for (DynamoAccess access : DynamoAccess.of(context.request())) {
            String line = access.line(function);
            if (SEEN.add(line)) {
                append(line);
            }
        }
    }

    private static synchronized void append(String line) {
        try {
            Files.createDirectories(RECORDING.getParent());
            if (System.getProperty(STARTED) == null) {
                Files.deleteIfExists(RECORDING);
                System.setProperty(STARTED, "true");
            }
            Files.writeString(RECORDING, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
