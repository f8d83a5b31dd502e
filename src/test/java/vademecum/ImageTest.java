package vademecum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import vademecum.testing.Scratch;
import vademecum.testing.ServerProcess;

/**
 * The container image built by {@code ./mvnw -Pimage package}: a loadable tar whose config runs our
 * entry point as an unprivileged user on port 7070 with a data volume; and, where podman can run
 * containers, the image itself serving {@code /health}. CI builds the image before the tests
 * (.ci/run), so there the tar must be present; elsewhere the test waits until someone builds it.
 */
class ImageTest {
  private static final Path TAR = Path.of("target/vademecum-image.tar");
  private static final ObjectMapper json = new ObjectMapper();

  private static void requireImage() {
    assumeTrue(
        Files.exists(TAR) || "true".equals(System.getenv("CI")),
        "no image: build it with ./mvnw -Pimage package");
    assertTrue(Files.exists(TAR), "the image is built before the tests on CI");
  }

  /** A file of the image tar, read with the system's tar. */
  private static byte[] entry(String name) throws Exception {
    Process tar = new ProcessBuilder("tar", "-xOf", TAR.toString(), name).start();
    byte[] content = tar.getInputStream().readAllBytes();
    assertEquals(0, tar.waitFor(), "tar could not read " + name);
    return content;
  }

  /** The image's configuration, found through the OCI layout's index and manifest. */
  private static JsonNode config() throws Exception {
    JsonNode index = json.readTree(entry("index.json"));
    JsonNode manifest = json.readTree(blob(index.at("/manifests/0/digest").asText()));
    return json.readTree(blob(manifest.at("/config/digest").asText()));
  }

  private static byte[] blob(String digest) throws Exception {
    return entry("blobs/" + digest.replace(':', '/'));
  }

  @Test
  void the_tar_is_an_image_that_runs_our_entry_point_unprivileged_on_7070_with_a_data_volume()
      throws Exception {
    requireImage();
    assertTrue(
        new String(entry("oci-layout"), StandardCharsets.UTF_8).contains("imageLayoutVersion"));
    JsonNode config = config().get("config");
    List<String> entrypoint = new ArrayList<>();
    config.get("Entrypoint").forEach(arg -> entrypoint.add(arg.asText()));
    assertEquals("/opt/java/bin/java", entrypoint.get(0));
    assertEquals("vademecum.cli.Main", entrypoint.get(entrypoint.size() - 1));
    assertEquals("serve", config.at("/Cmd/0").asText());
    assertEquals("1000:1000", config.get("User").asText());
    assertTrue(config.at("/ExposedPorts").has("7070/tcp"), config.toString());
    assertTrue(config.at("/Volumes").has("/data"), config.toString());
    assertTrue(config.get("Env").toString().contains("VADEMECUM_DATA=/data"), config.toString());
  }

  /**
   * Options for podman where containers get no cgroup delegation nor higher limits (this sandbox
   * and CI): runc with cgroupfs, and limits no higher than the machine's own.
   */
  private static List<String> podman(String... arguments) {
    List<String> command =
        new ArrayList<>(List.of("podman", "--runtime", "runc", "--cgroup-manager", "cgroupfs"));
    command.addAll(List.of(arguments));
    return command;
  }

  private static String run(List<String> command, long timeoutSeconds) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("timed out: " + command);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), command + ":\n" + output);
    return output;
  }

  private static boolean podmanRuns() {
    try {
      Process probe = new ProcessBuilder(podman("info")).redirectErrorStream(true).start();
      probe.getInputStream().transferTo(OutputStream.nullOutputStream());
      return probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Test
  void the_image_runs_and_answers_health_as_an_unprivileged_user() throws Exception {
    requireImage();
    assumeTrue(podmanRuns(), "no podman on this machine");
    String loaded = run(podman("load", "-i", TAR.toString()), 300);
    assertTrue(loaded.contains("vademecum"), loaded);
    Path data = Scratch.directory("vademecum-image-data");
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxrwxrwx"));
    int port = ServerProcess.freePort();
    String name = "vademecum-image-test-" + port;
    run(
        podman(
            "run",
            "-d",
            "--name",
            name,
            "--network",
            "host",
            "--ulimit",
            "nofile=4096:4096",
            "--ulimit",
            "nproc=4096:4096",
            "-e",
            "VADEMECUM_PORT=" + port,
            "-e",
            "VADEMECUM_SAMPLES=false",
            "-v",
            data + ":/data",
            "vademecum:0.1.0-SNAPSHOT"),
        120);
    try {
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> health = null;
      for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
          System.nanoTime() < deadline; ) {
        try {
          health =
              http.send(
                  HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          if (health.statusCode() == 200) {
            break;
          }
        } catch (IOException notYet) {
          // the server is still starting
        }
        Thread.sleep(500);
      }
      assertTrue(
          health != null && health.statusCode() == 200,
          "no health answer; the container said:\n" + run(podman("logs", name), 30));
      // The embedded PostgreSQL's files in the volume belong to the container's user, not root.
      assertEquals(1000, Files.getAttribute(data.resolve("postgres"), "unix:uid"));
    } finally {
      run(podman("rm", "-f", name), 60);
    }
  }
}
