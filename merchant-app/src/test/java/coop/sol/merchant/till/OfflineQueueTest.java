package coop.sol.merchant.till;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfflineQueueTest {
  @TempDir Path home;

  private static OfflineQueue.Charge charge(int i) {
    return new OfflineQueue.Charge(
        "https://pay.example.org/p/AQM" + i,
        104_729,
        i + ".50",
        "till-pt-" + i,
        Instant.parse("2026-03-01T12:00:0" + i + "Z"),
        "token-" + i);
  }

  @Test
  void charges_come_back_in_order_and_survive_a_new_till_process() throws IOException {
    OfflineQueue queue = new OfflineQueue(home.resolve("till"));
    assertThat(queue.mayHoldCharges()).isFalse();
    queue.add(charge(1));
    queue.add(charge(2));
    assertThat(new OfflineQueue(home.resolve("till")).all()).containsExactly(charge(1), charge(2));
    Path file = home.resolve("till").resolve(OfflineQueue.FILE_NAME);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .as("pay tokens are for the till's user only")
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("till"))))
        .isEqualTo("rwx------");
  }

  @Test
  void draining_stops_at_the_first_charge_that_must_wait_and_keeps_it_and_the_rest()
      throws IOException {
    OfflineQueue queue = new OfflineQueue(home);
    for (int i = 1; i <= 4; i++) {
      queue.add(charge(i));
    }
    List<String> sent = new ArrayList<>();
    int answered =
        queue.drain(
            charge -> {
              sent.add(charge.tokenId());
              return charge.tokenId().equals("token-3")
                  ? OfflineQueue.Outcome.STOP
                  : OfflineQueue.Outcome.DONE;
            });
    assertThat(answered).isEqualTo(2);
    assertThat(sent).containsExactly("token-1", "token-2", "token-3");
    assertThat(queue.all()).containsExactly(charge(3), charge(4));

    assertThat(queue.drain(charge -> OfflineQueue.Outcome.DONE)).isEqualTo(2);
    assertThat(queue.all()).isEmpty();
    assertThat(queue.mayHoldCharges()).isFalse();
  }
}
