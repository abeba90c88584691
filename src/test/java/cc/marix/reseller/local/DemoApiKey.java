package cc.marix.reseller.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The key of run-local's demo API user. Only its hash is in the table, so a run on the data of an earlier one
 * ({@code DATA_DIR}) cannot derive it again: the run that gets a key keeps it in {@value #FILE} beside the data, mode
 * 0600, and a later run on the same data reads it back instead of issuing another. In memory (no {@code DATA_DIR}) the
 * user is new on every run, and so is its key.
 */
final class DemoApiKey {

    static final String FILE = "demo-api-key";

    private final ObjectMapper mapper;
    private final Optional<Path> file;

    /** {@code dataDir}: where DynamoDB Local keeps this run's tables, or empty when they are in memory. */
    DemoApiKey(ObjectMapper mapper, Optional<Path> dataDir) {
        this.mapper = mapper;
        this.file = dataDir.map(dir -> dir.resolve(FILE));
    }

    /** Creates the demo user and returns its new key; when the user is there already, its kept key or a new one. */
    String obtain(LocalLambdaRuntime runtime) throws IOException {
        DemoData demo = new DemoData(mapper);
        JsonNode created = invoke(runtime, demo.createApiUser().toString(), "creating the demo API user");
        if (created.path("apiKey").isTextual()) {
            return kept(created.path("apiKey").textValue(), "created");
        }
        if (!DemoData.isUserThere(created.path("error").asText())) {
            throw new IllegalStateException("creating the demo API user answered " + created.path("error"));
        }
        Optional<String> stored = read();
        if (stored.isPresent()) {
            System.err.println("run-local: demo API user " + DemoData.API_USER_EMAIL + " is in DATA_DIR's data; its"
                    + " key as kept in " + file.orElseThrow());
            return stored.get();
        }
        // the data outlived the file that held the key: the user gets another one
        JsonNode issued = invoke(runtime, demo.issueApiKey().toString(), "issuing a key to the demo API user");
        if (!issued.path("apiKey").isTextual()) {
            throw new IllegalStateException("issuing a key to the demo API user answered " + issued.path("error"));
        }
        return kept(issued.path("apiKey").textValue(), "given a new key (no " + FILE + " beside the data)");
    }

    private JsonNode invoke(LocalLambdaRuntime runtime, String event, String what) throws IOException {
        try {
            return mapper.readTree(runtime.invoke(event));
        } catch (LambdaInvocationException e) {
            throw new IllegalStateException(what + " failed: " + e.errorJson(), e);
        }
    }

    private String kept(String key, String how) throws IOException {
        if (file.isPresent()) {
            write(file.get(), key);
        }
        System.err.println("run-local: demo API user " + DemoData.API_USER_EMAIL + " " + how
                + file.map(path -> "; its key kept in " + path).orElse(""));
        return key;
    }

    private Optional<String> read() throws IOException {
        if (file.isEmpty() || !Files.isRegularFile(file.get())) {
            return Optional.empty();
        }
        String key = Files.readString(file.get(), StandardCharsets.UTF_8).trim();
        return key.isEmpty() ? Optional.empty() : Optional.of(key);
    }

    /** Mode 0600 from the first byte, moved into place whole (as DemoEnv writes demo.env). */
    private static void write(Path target, String key) throws IOException {
        Path next = Files.createTempFile(target.getParent(), "demo-api-key-", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(next, key + "\n", StandardCharsets.UTF_8);
            Files.move(next, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(next);
        }
    }
}
