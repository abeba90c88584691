package cc.marix.reseller.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/deploy.sh, run from a copy of the repository whose PATH holds only the tools it uses and stand-ins for
 * mvn, sam, native-image and docker that record how they were called: it stops before building when a tool is
 * missing, and otherwise builds natively with what the machine has, then deploys what it built.
 */
class DeployScriptTest {

    private static final String SCRIPT = "scripts/deploy.sh";
    /** What the script calls besides the stand-ins. */
    private static final List<String> TOOLS = List.of("dirname", "rm", "cp", "grep", "jar");

    @TempDir
    Path dir;

    private Path repo;
    private Path bin;

    @BeforeEach
    void copyTheScript() throws IOException {
        repo = dir.resolve("repo");
        bin = dir.resolve("bin");
        Files.createDirectories(repo.resolve("scripts"));
        Files.createDirectories(repo.resolve("target"));
        Files.createDirectories(bin);
        Files.copy(Path.of(SCRIPT), repo.resolve(SCRIPT));
        for (String tool : TOOLS) {
            Files.createSymbolicLink(bin.resolve(tool), onPath(tool));
        }
        stub("mvn", "echo \"$*\" >> " + log("mvn") + "\ncp " + dir.resolve("built.zip") + " target/function.zip");
        zip(dir.resolve("built.zip"), "bootstrap", "function.runner");
    }

    @Test
    void deploy_shouldSayWhatIsMissingAndStop_whenThereIsNoGraalVmAndNoContainerRuntime() throws Exception {
        stub("sam", "echo \"$*\" >> " + log("sam"));
        // a docker CLI without a running engine, as on the machines this project is developed on
        stub("docker", "echo 'Cannot connect to the Docker daemon' >&2; exit 1");

        Result result = run(Map.of());

        assertEquals(1, result.exit(), result.output());
        assertEquals("deploy.sh: cannot build the native artifact: no GraalVM (native-image is not on PATH,"
                + " GRAALVM_HOME is not set) and no container runtime (no docker or podman on PATH whose engine"
                + " answers `info`). Install GraalVM or Mandrel for Java 17+ and set GRAALVM_HOME, or install Docker"
                + " or Podman for a container build. Nothing was built or deployed.", result.output().strip());
        assertFalse(Files.exists(log("mvn")), "built although it cannot");
        assertFalse(Files.exists(log("sam")), "deployed although it cannot build");
    }

    @Test
    void deploy_shouldNameTheGraalVmHomeWithoutNativeImage_whenGraalVmHomeIsWrong() throws Exception {
        stub("sam", "echo \"$*\" >> " + log("sam"));
        Path graalvm = Files.createDirectories(dir.resolve("graalvm/bin"));

        Result result = run(Map.of("GRAALVM_HOME", graalvm.getParent().toString()));

        assertEquals(1, result.exit(), result.output());
        assertTrue(result.output().contains("GRAALVM_HOME=" + graalvm.getParent() + " has no bin/native-image"),
                result.output());
        assertFalse(Files.exists(log("mvn")), "built although it cannot");
    }

    @Test
    void deploy_shouldSaySamIsMissingAndStop_beforeBuilding() throws Exception {
        stub("native-image", "exit 0");

        Result result = run(Map.of());

        assertEquals(1, result.exit(), result.output());
        assertTrue(result.output().startsWith("deploy.sh: the AWS SAM CLI (sam) is not on PATH"), result.output());
        assertTrue(result.output().contains("Nothing was built or deployed."), result.output());
        assertFalse(Files.exists(log("mvn")), "built although it cannot deploy");
    }

    @Test
    void firstDeploy_shouldBuildWithGraalVmAndDeployGuided_whenThereIsNoSamConfig() throws Exception {
        stub("native-image", "exit 0");
        stub("sam", "echo \"$*\" >> " + log("sam"));

        Result result = run(Map.of());

        assertEquals(0, result.exit(), result.output());
        assertEquals(List.of("-B -ntp package -Dnative -DskipTests -Dquarkus.native.container-build=false"),
                Files.readAllLines(log("mvn")));
        assertEquals(List.of("deploy --guided --template-file template.yaml"), Files.readAllLines(log("sam")));
    }

    @Test
    void laterDeploy_shouldReuseSamConfigAndPassOptionsOn_withGraalVmHome() throws Exception {
        Path graalvm = dir.resolve("graalvm");
        Files.createDirectories(graalvm.resolve("bin"));
        script(graalvm.resolve("bin/native-image"), "exit 0");
        stub("sam", "echo \"$*\" >> " + log("sam"));
        Files.writeString(repo.resolve("samconfig.toml"), "version = 0.1\n");

        Result result = run(Map.of("GRAALVM_HOME", graalvm.toString()), "--config-env", "prod");

        assertEquals(0, result.exit(), result.output());
        assertEquals(List.of("-B -ntp package -Dnative -DskipTests -Dquarkus.native.container-build=false"),
                Files.readAllLines(log("mvn")));
        assertEquals(List.of("deploy --template-file template.yaml --config-env prod"),
                Files.readAllLines(log("sam")));
    }

    @Test
    void deploy_shouldBuildInAContainer_whenOnlyADockerEngineAnswers() throws Exception {
        stub("docker", "[ \"$1\" = info ]");
        stub("sam", "echo \"$*\" >> " + log("sam"));

        Result result = run(Map.of());

        assertEquals(0, result.exit(), result.output());
        assertEquals(List.of("-B -ntp package -Dnative -DskipTests -Dquarkus.native.container-build=true"
                + " -Dquarkus.native.container-runtime=docker"), Files.readAllLines(log("mvn")));
    }

    @Test
    void deploy_shouldNotDeploy_whenTheBuildLeftNoNativeArtifact() throws Exception {
        stub("native-image", "exit 0");
        stub("sam", "echo \"$*\" >> " + log("sam"));
        // what a JVM build zips: the runner jar and its libraries, no bootstrap
        zip(dir.resolve("built.zip"), "reseller-functions-runner.jar", "lib/quarkus-core.jar");

        Result result = run(Map.of());

        assertEquals(1, result.exit(), result.output());
        assertTrue(result.output().contains("target/function.zip has no bootstrap"), result.output());
        assertFalse(Files.exists(log("sam")), "deployed a JVM artifact to the provided.al2023 runtime");
    }

    @Test
    void deploy_shouldNotDeployAnOldArtifact_whenTheBuildFails() throws Exception {
        stub("native-image", "exit 0");
        stub("sam", "echo \"$*\" >> " + log("sam"));
        stub("mvn", "exit 1");
        zip(repo.resolve("target/function.zip"), "bootstrap");

        Result result = run(Map.of());

        assertEquals(1, result.exit(), result.output());
        assertFalse(Files.exists(repo.resolve("target/function.zip")), "the previous build's artifact is left");
        assertFalse(Files.exists(log("sam")), "deployed although the build failed");
    }

    private Path log(String tool) {
        return dir.resolve(tool + ".log");
    }

    private void stub(String tool, String body) throws IOException {
        script(bin.resolve(tool), body);
    }

    private static void script(Path file, String body) throws IOException {
        Files.writeString(file, "#!" + onPath("bash") + "\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void zip(Path file, String... entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String entry : entries) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.write(entry.getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
    }

    private static Path onPath(String tool) {
        for (String folder : System.getenv("PATH").split(":")) {
            Path candidate = Path.of(folder, tool);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(tool + " is not on PATH");
    }

    private Result run(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(onPath("bash").toString(), SCRIPT).directory(repo.toFile())
                .redirectErrorStream(true);
        builder.command().addAll(List.of(args));
        builder.environment().clear();
        builder.environment().put("PATH", bin.toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("deploy.sh did not finish");
        }
        return new Result(process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private record Result(int exit, String output) {
    }
}
