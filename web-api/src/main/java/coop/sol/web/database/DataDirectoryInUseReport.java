package coop.sol.web.database;

import coop.sol.ledger.db.DataDirectoryLock;
import java.io.PrintStream;
import java.util.Optional;
import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * A start refused because the embedded PostgreSQL's data directory is in use by a running instance
 * ({@link DataDirectoryLock.InUse}) is reported as the one line that says what to do, on standard
 * error, instead of Spring Boot's stack trace: the operator only has to stop the other instance (or
 * not start a second one). Registered in {@code META-INF/spring.factories}, ahead of Boot's failure
 * analyzers.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class DataDirectoryInUseReport implements SpringBootExceptionReporter {
  private final PrintStream err = System.err;

  @Override
  public boolean reportException(Throwable failure) {
    Optional<DataDirectoryLock.InUse> inUse = cause(failure);
    inUse.ifPresent(e -> err.println(e.getMessage()));
    return inUse.isPresent();
  }

  /** The refusal behind {@code failure}, if that is why the start failed. */
  public static Optional<DataDirectoryLock.InUse> cause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof DataDirectoryLock.InUse inUse) {
        return Optional.of(inUse);
      }
    }
    return Optional.empty();
  }
}
