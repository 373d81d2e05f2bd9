package coop.sol.web.apidoc;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.web.SolApplicationTest;
import coop.sol.web.TestHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The served OpenAPI document lints with no error under Spectral's {@code spectral:oas} ruleset and
 * Redocly's {@code recommended} rules, the two linters clients' tool chains run on it. Both are
 * pinned in {@code src/test/openapi-lint/package-lock.json} and installed there by {@code npm ci}
 * ({@code .ci/run} does it). Without Node.js or that install the test is skipped, so that {@code
 * ./mvnw verify} passes with only a JDK, except on CI ({@code CI=true}), where it must run.
 */
@SolApplicationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiLintIT {
  private static final Path LINTERS = Path.of("src", "test", "openapi-lint").toAbsolutePath();
  private static final Path BIN = LINTERS.resolve("node_modules").resolve(".bin");
  private static final Path DOCUMENT = Path.of("target", "openapi-lint", "api-docs.json");

  private final TestHttp http;

  @Autowired
  OpenApiLintIT(@LocalServerPort int port) {
    this.http = new TestHttp(port);
  }

  @BeforeAll
  void theLintersAndTheLiveDocument() throws IOException {
    boolean present =
        Files.isExecutable(BIN.resolve("spectral"))
            && Files.isExecutable(BIN.resolve("redocly"))
            && runs("node", "--version");
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new AssertionError(
          "CI=true but Node.js or the linters in " + LINTERS + " are missing: see .ci/run");
    }
    Assumptions.assumeTrue(
        present, "no Node.js or no npm ci in " + LINTERS + ": OpenAPI lint skipped");
    var response = http.get("/v3/api-docs");
    assertThat(response.statusCode()).isEqualTo(200);
    Files.createDirectories(DOCUMENT.getParent());
    Files.writeString(DOCUMENT, response.body(), StandardCharsets.UTF_8);
  }

  @Test
  void spectral_oas_finds_no_error() throws Exception {
    Lint lint =
        lint(
            BIN.resolve("spectral").toString(),
            "lint",
            "--ruleset",
            LINTERS.resolve(".spectral.yaml").toString(),
            "--fail-severity",
            "error",
            "--format",
            "text",
            DOCUMENT.toAbsolutePath().toString());
    assertThat(lint.exitCode()).as("Spectral's report:%n%s", lint.output()).isZero();
  }

  @Test
  void redocly_recommended_finds_no_error() throws Exception {
    Lint lint =
        lint(
            BIN.resolve("redocly").toString(),
            "lint",
            "--config",
            LINTERS.resolve("redocly.yaml").toString(),
            "--format",
            "stylish",
            DOCUMENT.toAbsolutePath().toString());
    assertThat(lint.exitCode()).as("Redocly's report:%n%s", lint.output()).isZero();
    assertThat(lint.output()).contains("validated");
  }

  private record Lint(int exitCode, String output) {}

  private static Lint lint(String... command) throws IOException, InterruptedException {
    var builder = new ProcessBuilder(new ArrayList<>(List.of(command)));
    builder.directory(LINTERS.toFile()).redirectErrorStream(true);
    // no telemetry, no update check: the build talks to nobody
    builder.environment().put("REDOCLY_TELEMETRY", "off");
    builder.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
    builder.environment().put("NO_COLOR", "1");
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(command[0] + " did not finish in 120 s");
    }
    return new Lint(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }

  private static boolean runs(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
