package coop.sol.web.reliability.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The application as an operator runs it: {@code java -jar sol.jar --demo} in a process of its own,
 * on a data directory and a loopback port that stay the same across restarts, each run's output in
 * {@code <data directory's name>-<n>.log} beside it.
 */
final class SolProcess implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Path jar;
  private final Path dataDirectory;
  private final int port;
  private final List<String> jvmOptions;
  private final boolean demo;
  private final List<String> extraArguments;
  private Process process;
  private int runs;

  SolProcess(Path jar, Path dataDirectory, int port, List<String> extraArguments) {
    this(jar, dataDirectory, port, List.of("-Xmx384m", "-XX:+UseSerialGC"), true, extraArguments);
  }

  /**
   * @param jvmOptions the JVM's options ({@code -Xmx384m -XX:+UseSerialGC} for the harnesses)
   * @param demo whether to start with {@code --demo}
   */
  SolProcess(
      Path jar,
      Path dataDirectory,
      int port,
      List<String> jvmOptions,
      boolean demo,
      List<String> extraArguments) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing: build it with ./mvnw -pl web-api package");
    }
    this.jar = jar;
    this.dataDirectory = dataDirectory;
    this.port = port;
    this.jvmOptions = List.copyOf(jvmOptions);
    this.demo = demo;
    this.extraArguments = List.copyOf(extraArguments);
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return port;
  }

  Path dataDirectory() {
    return dataDirectory;
  }

  /** Starts the application and waits until its health probe says UP. */
  void start(Duration timeout) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar.toString());
    if (demo) {
      command.add("--demo");
    }
    command.add("--sol.data-dir=" + dataDirectory);
    command.add("--server.port=" + port);
    command.add("--server.address=127.0.0.1");
    command.addAll(extraArguments);
    Path log = dataDirectory.resolveSibling(dataDirectory.getFileName() + "-" + ++runs + ".log");
    try {
      Files.createDirectories(dataDirectory);
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the application exited at start; see " + log);
      }
      if (healthy(Duration.ofSeconds(2))) {
        return;
      }
      sleep(50);
    }
    throw new IllegalStateException(
        "the application was not UP within " + timeout + "; see " + log);
  }

  /** Whether {@code /actuator/health} answers 200 UP within {@code timeout}. */
  boolean healthy(Duration timeout) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                  .timeout(timeout)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && response.body().contains("\"UP\"");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The application's JVM. */
  long pid() {
    return process.pid();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** SIGKILL, as the kernel's OOM killer or a power cut of the JVM alone would. */
  void kill() {
    process.destroyForcibly();
    waitFor(Duration.ofSeconds(30));
  }

  /** SIGTERM: a graceful stop, which also stops the embedded PostgreSQL. */
  void stop() {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    if (!waitFor(Duration.ofSeconds(90))) {
      process.destroyForcibly();
      waitFor(Duration.ofSeconds(30));
    }
  }

  private boolean waitFor(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The embedded PostgreSQL's postmaster, as its pid file names it, if it runs. */
  Optional<ProcessHandle> postmaster() {
    try {
      long pid =
          Long.parseLong(
              Files.readAllLines(dataDirectory.resolve("postgres").resolve("postmaster.pid"))
                  .get(0)
                  .trim());
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The port of the embedded PostgreSQL, as its pid file says. */
  int postgresPort() throws IOException {
    List<String> pid =
        Files.readAllLines(dataDirectory.resolve("postgres").resolve("postmaster.pid"));
    return Integer.parseInt(pid.get(3).trim());
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public void close() {
    stop();
  }
}
