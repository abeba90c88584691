package cc.marix.reseller.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Where local runs find and keep things, relative to the project directory: the packaged function
 * ({@code target/function.zip}), AWS's runtime interface client ({@code target/local/ric/*.jar}) and GreenMail's
 * standalone server ({@code target/local/greenmail/*.jar}), both fetched by scripts/run-local.sh, and the files
 * scripts share ({@code target/local/dynamodb.endpoint}, {@code target/local/function.env},
 * {@code target/local/demo.env}).
 */
final class LocalLayout {

    private final Path project;
    private final Path local;

    LocalLayout(Path project) {
        this.project = project.toAbsolutePath().normalize();
        this.local = this.project.resolve("target/local");
    }

    static LocalLayout ofWorkingDirectory() {
        return new LocalLayout(Path.of(""));
    }

    Path project() {
        return project;
    }

    /** Written by LocalStack while it runs, read by LocalInvoke: the DynamoDB Local endpoint. */
    Path dynamoDbEndpointFile() {
        return local.resolve("dynamodb.endpoint");
    }

    /**
     * Written by LocalStack while it runs, read by LocalInvoke: the settings every local function process gets on
     * top of the DynamoDB ones (the SMTP sink's port, loopback callbacks allowed), one {@code NAME=value} a line.
     */
    Path functionEnvironmentFile() {
        return local.resolve("function.env");
    }

    /** Written by LocalStack while it runs, read by scripts/smoke.sh: the demo values (mode 0600; see DemoEnv). */
    Path demoEnvFile() {
        return local.resolve("demo.env");
    }

    Path signScript() {
        return project.resolve("scripts/sign.sh");
    }

    /** The runtime interface client and what it needs, which Lambda itself puts on the system classpath. */
    List<Path> runtimeClientClasspath() {
        return jars(local.resolve("ric"), "runtime interface client");
    }

    /**
     * GreenMail's standalone server (SMTP and its REST API), a shaded jar run in a process of its own: its Jersey,
     * Jackson and Log4j are not relocated, so it stays off the test classpath.
     */
    Path greenMailJar() {
        return jars(local.resolve("greenmail"), "GreenMail standalone jar").get(0);
    }

    private static List<Path> jars(Path dir, String what) {
        try (Stream<Path> jars = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
            List<Path> found = jars.filter(jar -> jar.toString().endsWith(".jar")).sorted().toList();
            if (found.isEmpty()) {
                throw new IllegalStateException("no " + what + " in " + dir + "; scripts/run-local.sh fetches it");
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The function's code unpacked the way Lambda unpacks it into /var/task (classes at the root, jars in lib/),
     * from target/function.zip. Each build gets its own directory, so a rebuild never pulls jars from under a
     * function that is still running from the previous one.
     */
    Path taskRoot() {
        Path zip = project.resolve("target/function.zip");
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException(zip + " is missing; build the app first (mvn package -DskipTests)");
        }
        try {
            Path task = local.resolve("task-" + Files.getLastModifiedTime(zip).toMillis());
            if (!Files.isDirectory(task)) {
                Files.createDirectories(local);
                Path unpacking = Files.createTempDirectory(local, "unpacking-");
                unzip(zip, unpacking);
                try {
                    Files.move(unpacking, task, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | DirectoryNotEmptyException unpackedMeanwhile) {
                    delete(unpacking);
                }
            }
            return task;
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack " + zip, e);
        }
    }

    /** Removes the unpacked code of earlier builds; a directory still in use elsewhere is left alone. */
    void pruneTaskRootsOtherThan(Path keep) {
        try (Stream<Path> dirs = Files.list(local)) {
            for (Path dir : dirs.filter(dir -> dir.getFileName().toString().startsWith("task-"))
                    .filter(dir -> !dir.equals(keep)).toList()) {
                delete(dir);
            }
        } catch (IOException ignored) {
            // Only disk space is at stake; the next run tries again.
        }
    }

    private static void delete(Path tree) throws IOException {
        try (Stream<Path> paths = Files.walk(tree)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (InputStream file = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(file)) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("zip entry outside the target directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(entries, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
