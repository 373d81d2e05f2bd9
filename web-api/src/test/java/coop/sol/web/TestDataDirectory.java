package coop.sol.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Fresh data directories for applications started by tests, under {@code target/it-data} (not /tmp:
 * they hold PostgreSQL clusters of tens of MB, and {@code mvn clean} should remove them). The
 * directories of earlier runs are deleted when a test JVM first asks for one.
 *
 * <p>As a context initializer it points {@code sol.data-dir} at a new directory, once per Spring
 * context: every test class annotated {@link SolApplicationTest} shares one context, hence one
 * directory and one embedded PostgreSQL.
 */
public final class TestDataDirectory
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {
  private static final Path ROOT = Path.of("target", "it-data");
  private static boolean cleaned;

  /** A new, empty data directory. */
  public static synchronized Path create() {
    try {
      if (!cleaned) {
        deleteRecursively(ROOT);
        cleaned = true;
      }
      Files.createDirectories(ROOT);
      return Files.createTempDirectory(ROOT, "sol-").toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    TestPropertyValues.of("sol.data-dir=" + create()).applyTo(context);
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
