package coop.sol.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar sol.jar} as an operator runs it: {@code --help} prints the usage and exits 0
 * without starting anything (it started a server with its data in the current directory), and an
 * unknown option is refused with the usage and exit 2, before anything starts.
 */
class LauncherIT {
  private static final Path JAR = Path.of("target", "sol.jar").toAbsolutePath();

  private Path workingDirectory;

  @BeforeEach
  void anEmptyWorkingDirectory() throws IOException {
    Assumptions.assumeTrue(Files.isRegularFile(JAR), "no " + JAR + " (built by mvn package)");
    workingDirectory = Files.createTempDirectory(TestDataDirectory.create(), "cwd-");
  }

  @Test
  void help_prints_the_usage_and_starts_nothing() throws Exception {
    Run run = run("--help");
    assertThat(run.exitCode()).as("%s", run).isZero();
    assertThat(run.out())
        .contains(
            "--demo", "--create-admin=NOM", "--verify-journal", "--server.port", "SOL_DATA_DIR");
    assertThat(run.out()).doesNotContain("Tomcat", "PostgreSQL 17", "Started");
    assertThat(emptyDirectory()).as("nothing written in the working directory").isTrue();
  }

  @Test
  void an_unknown_option_is_refused_with_the_usage_and_exit_2() throws Exception {
    for (String arg : List.of("--bogus", "--port=9090", "start")) {
      Run run = run(arg, "--server.port=0");
      assertThat(run.exitCode()).as("%s", run).isEqualTo(2);
      assertThat(run.err()).as(arg).contains(arg.split("=")[0], "Usage", "--create-admin=NOM");
    }
    assertThat(emptyDirectory()).isTrue();
  }

  private boolean emptyDirectory() throws IOException {
    try (Stream<Path> files = Files.list(workingDirectory)) {
      return files.findAny().isEmpty();
    }
  }

  private record Run(int exitCode, String out, String err) {}

  private Run run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    Path out = Files.createTempFile("sol-out", ".txt");
    Path err = Files.createTempFile("sol-err", ".txt");
    Process process =
        new ProcessBuilder(command)
            .directory(workingDirectory.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(List.of(args) + " still running after 60 s: it started something");
    }
    return new Run(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
