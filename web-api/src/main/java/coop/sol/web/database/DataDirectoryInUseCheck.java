package coop.sol.web.database;

import coop.sol.ledger.db.DataDirectoryLock;
import java.nio.file.Path;
import org.springframework.boot.context.event.ApplicationContextInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Refuses at once, before any bean is built (once the context's initializers have run), to start on
 * an embedded PostgreSQL's data directory that a running instance has ({@link
 * DataDirectoryLock.InUse}, reported in one line by {@link DataDirectoryInUseReport}): a second
 * start, {@code --create-admin} or {@code --verify-journal} while the application runs. The
 * embedded server takes the lock itself when it starts; this only spares the operator a context
 * that fails halfway. Registered in {@code META-INF/spring.factories}; nothing to check with an
 * external database.
 */
public final class DataDirectoryInUseCheck
    implements ApplicationListener<ApplicationContextInitializedEvent> {

  @Override
  public void onApplicationEvent(ApplicationContextInitializedEvent event) {
    // the context's environment, once its initializers ran (a test's data directory is set there)
    Environment environment = event.getApplicationContext().getEnvironment();
    if (StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
      return;
    }
    // as SolProperties reads it: sol.data-dir, ./data by default
    Path dataDirectory =
        Path.of(environment.getProperty("sol.data-dir", "./data")).toAbsolutePath().normalize();
    DataDirectoryLock.checkFree(DatabaseConfiguration.postgresDirectory(dataDirectory));
  }
}
