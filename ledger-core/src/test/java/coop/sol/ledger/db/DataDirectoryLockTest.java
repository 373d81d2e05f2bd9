package coop.sol.ledger.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryLockTest {
  @TempDir Path root;

  @Test
  void one_holder_at_a_time_and_the_refused_attempt_leaves_the_lock_held() throws IOException {
    Path directory = root.resolve("postgres");
    try (DataDirectoryLock held = DataDirectoryLock.acquire(directory)) {
      assertThat(DataDirectoryLock.fileOf(directory)).isEqualTo(root.resolve("postgres.lock"));
      assertThat(Files.readString(DataDirectoryLock.fileOf(directory)).strip())
          .isEqualTo(Long.toString(ProcessHandle.current().pid()));
      for (int attempt = 0; attempt < 2; attempt++) {
        assertThatThrownBy(() -> DataDirectoryLock.acquire(directory))
            .isInstanceOfSatisfying(
                DataDirectoryLock.InUse.class,
                e -> {
                  assertThat(e.holder()).isEqualTo(ProcessHandle.current().pid());
                  assertThat(e.getMessage())
                      .contains(directory.toString(), "arrêtez", "rien n'a été modifié")
                      .doesNotContain("\n");
                });
      }
      // the directory was not created by the refused attempts, nor initialised
      assertThat(directory).doesNotExist();
    }
    try (DataDirectoryLock again = DataDirectoryLock.acquire(directory)) {
      assertThat(again).isNotNull();
    }
  }
}
