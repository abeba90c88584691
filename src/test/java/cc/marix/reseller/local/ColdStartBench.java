package cc.marix.reseller.local;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cc.marix.reseller.lambda.Functions;

/**
 * The cold-start half of {@code scripts/bench}: the packaged function started as Lambda's Java runtime starts it
 * (AWS's runtime interface client, the java17 runtime's JVM flags), timed from process start to the answer of its
 * first event, with its peak RSS. The event is {@code events/partner-webhook/sync.json} against a DynamoDB Local
 * seeded with the events folder's catalog, codes and partner. Each line is the median of {@code RUNS} fresh
 * processes: on this JDK, and on the JDK at {@code $AOT_JAVA_HOME} (a JDK 25) with an AOT cache trained by one run.
 * Adds {@code coldStart} to {@code target/bench/results.json}.
 */
public final class ColdStartBench {

    static final int RUNS = 5;
    static final Path EVENTS = Path.of("src/test/resources/events");
    static final Duration START_LIMIT = Duration.ofSeconds(120);
    /** JBoss Threads (under Quarkus) needs it from Java 24 on, or the first request fails. */
    static final String OPEN_LANG = "--add-opens=java.base/java.lang=ALL-UNNAMED";

    private final ObjectMapper mapper = new ObjectMapper();
    private final LocalLayout layout = LocalLayout.ofWorkingDirectory();

    public static void main(String[] args) throws Exception {
        Path results = Path.of(args.length > 0 ? args[0] : "target/bench/results.json");
        new ColdStartBench().run(results);
        // DynamoDB Local leaves a non-daemon job thread behind
        System.exit(0);
    }

    void run(Path results) throws Exception {
        ObjectNode coldStart = mapper.createObjectNode();
        try (LoopbackDynamoDb dynamo = LoopbackDynamoDb.start()) {
            String endpoint = dynamo.endpoint().toString();
            seed(endpoint);
            String event = Files.readString(EVENTS.resolve("partner-webhook/sync.json"), StandardCharsets.UTF_8);
            Path java = Path.of(System.getProperty("java.home"));
            coldStart.set("jvm " + Runtime.version().feature(), measure(endpoint, event, java, List.of()));
            String aotHome = System.getenv("AOT_JAVA_HOME");
            if (aotHome != null && !aotHome.isBlank()) {
                Path cache = Path.of("target/bench/app.aot").toAbsolutePath();
                Files.deleteIfExists(cache);
                once(endpoint, event, Path.of(aotHome), List.of(OPEN_LANG, "-XX:AOTCacheOutput=" + cache));
                coldStart.set("jvm 25", measure(endpoint, event, Path.of(aotHome), List.of(OPEN_LANG)));
                coldStart.set("jvm 25 + AOT cache", measure(endpoint, event, Path.of(aotHome),
                        List.of(OPEN_LANG, "-XX:AOTCache=" + cache)));
            }
        }
        ObjectNode all = Files.exists(results) ? (ObjectNode) mapper.readTree(results.toFile())
                : mapper.createObjectNode();
        all.set("coldStart", coldStart);
        Files.createDirectories(results.toAbsolutePath().getParent());
        Files.writeString(results, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(all));
    }

    /** The events folder's catalog, codes and partner, through a function process that also creates the table. */
    private void seed(String endpoint) throws Exception {
        try (LocalLambdaRuntime runtime = LocalLambdaRuntime.start(Functions.ADMIN, LocalLambdaRuntime.DEFAULT_TIMEOUT);
                FunctionProcess admin = FunctionProcess.start(layout, Functions.ADMIN, runtime.address(),
                        FunctionProcess.dynamoDbEnvironment(endpoint, true))) {
            admin.awaitReady(runtime, START_LIMIT);
            for (String file : List.of("import-catalog.json", "import-codes.json", "create-partner.json")) {
                JsonNode answer = mapper.readTree(runtime.invoke(Files.readString(EVENTS.resolve("admin/" + file))));
                if (answer.has("error") && !DemoData.isAlreadyThere(answer.path("error").asText())) {
                    throw new IllegalStateException("seeding " + file + " failed: " + answer);
                }
            }
        }
    }

    private ObjectNode measure(String endpoint, String event, Path javaHome, List<String> flags) throws Exception {
        List<Double> millis = new ArrayList<>();
        List<Long> rss = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            Run result = once(endpoint, event, javaHome, flags);
            millis.add(result.millis());
            rss.add(result.peakRssKib());
        }
        ObjectNode line = mapper.createObjectNode().put("runs", RUNS).put("medianMillis", median(millis))
                .put("medianPeakRssMib", median(rss.stream().map(kib -> kib / 1024.0).toList()));
        ArrayNode each = line.putArray("millis");
        millis.forEach(each::add);
        line.put("flags", String.join(" ", flags));
        return line;
    }

    record Run(double millis, long peakRssKib) {
    }

    /** One fresh process: started, sent the event, answered; the clock runs from just before the process starts. */
    private Run once(String endpoint, String event, Path javaHome, List<String> flags) throws Exception {
        try (LocalLambdaRuntime runtime = LocalLambdaRuntime.start(Functions.PARTNER_WEBHOOK,
                LocalLambdaRuntime.DEFAULT_TIMEOUT)) {
            long began = System.nanoTime();
            try (FunctionProcess function = FunctionProcess.start(layout, Functions.PARTNER_WEBHOOK,
                    runtime.address(), FunctionProcess.dynamoDbEnvironment(endpoint, false), javaHome, flags)) {
                JsonNode answer = mapper.readTree(runtime.invoke(event));
                double millis = (System.nanoTime() - began) / 1e6;
                if (answer.path("statusCode").asInt() != 200) {
                    throw new IllegalStateException("the first event was not answered 200: " + answer);
                }
                return new Run(millis, function.peakRssKib());
            }
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
