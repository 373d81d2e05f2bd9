package coop.sol.web.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.sol.ledger.db.DataDirectoryLock;
import coop.sol.web.SolApplication;
import coop.sol.web.TestDataDirectory;
import coop.sol.web.TestHttp;
import coop.sol.web.user.Users;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A running installation's data directory is its own: a second start, {@code --create-admin} and
 * {@code --verify-journal} on it, from another JVM (the packaged jar, as an operator runs it) or
 * from this one, are refused at once with one line saying what to do, exit 1, and change nothing —
 * the running application's PostgreSQL keeps running (it was put into shutdown, and the command
 * failed after 60 s with a stack trace).
 */
class DataDirectoryInUseIT {
  private static final Path JAR = Path.of("target", "sol.jar").toAbsolutePath();
  private static final Duration QUICKLY = Duration.ofSeconds(60);

  @Test
  void a_second_instance_or_a_command_on_a_running_installation_is_refused_and_changes_nothing()
      throws Exception {
    Assumptions.assumeTrue(Files.isRegularFile(JAR), "no " + JAR + " (built by mvn package)");
    Path data = TestDataDirectory.create();
    try (ConfigurableApplicationContext running =
        SolApplication.start("--server.port=0", "--sol.data-dir=" + data)) {
      EmbeddedServer server = running.getBean(EmbeddedServer.class);
      long postmaster = server.postmaster().orElseThrow().pid();
      TestHttp http =
          new TestHttp(((WebServerApplicationContext) running).getWebServer().getPort());

      for (List<String> args :
          List.of(
              List.of("--create-admin=intrus"),
              List.of("--verify-journal"),
              List.of("--server.port=0"))) {
        long started = System.nanoTime();
        Run run = runJar(data, args);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        String what = args + " (" + took.toSeconds() + " s): " + run;
        assertThat(run.exitCode()).as(what).isEqualTo(1);
        assertThat(took).as(what).isLessThan(QUICKLY);
        assertThat(run.err().lines().filter(l -> l.contains("est déjà ouvert par SOL")))
            .as(what)
            .singleElement()
            .satisfies(
                line ->
                    assertThat(line)
                        .contains(data.resolve("postgres").toString(), "arrêtez cette instance"));
        assertThat(run.err() + run.out()).as(what).doesNotContain("\tat ", "Exception");
        // the running application's server is the same process, and still answers
        assertThat(server.postmaster().orElseThrow().pid()).as(what).isEqualTo(postmaster);
        assertThat(http.get("/actuator/health").statusCode()).as(what).isEqualTo(200);
      }

      // the same from this JVM, as the tests start the application
      assertThatThrownBy(
              () -> SolApplication.start("--create-admin=intrus", "--sol.data-dir=" + data))
          .satisfies(e -> assertThat(DataDirectoryInUseReport.cause(e)).isPresent());
      assertThat(running.getBean(Users.class).exists("intrus")).isFalse();
      assertThat(server.postmaster().orElseThrow().pid()).isEqualTo(postmaster);
      assertThat(http.get("/actuator/health").statusCode()).isEqualTo(200);
    }
    // stopped, the directory is free again: a command runs on it
    try (ConfigurableApplicationContext verify =
        SolApplication.start("--verify-journal", "--sol.data-dir=" + data)) {
      assertThat(verify.getBean(EmbeddedServer.class).postmaster()).isPresent();
    }
    assertThat(Files.exists(DataDirectoryLock.fileOf(data.resolve("postgres")))).isTrue();
  }

  private record Run(int exitCode, String out, String err) {}

  private static Run runJar(Path data, List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(args);
    command.add("--sol.data-dir=" + data);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("SOL_ADMIN_PASSWORD", "un mot de passe assez long");
    Path out = Files.createTempFile("sol-out", ".txt");
    Path err = Files.createTempFile("sol-err", ".txt");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = builder.start();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(args + " still running after 2 minutes");
    }
    return new Run(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
