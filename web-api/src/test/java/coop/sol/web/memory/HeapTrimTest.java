package coop.sol.web.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The trim on this very JVM: the heap it gives back, and the flags it leaves as they were. The
 * second test sets a flag for the rest of the JVM's life, so it runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HeapTrimTest {
  private final HotSpotDiagnosticMXBean flags =
      ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);

  @Test
  @Order(1)
  void gives_back_the_heap_a_burst_grew_and_restores_the_free_ratios() {
    VMOption min = flags.getVMOption(HeapTrim.MIN_FREE);
    VMOption max = flags.getVMOption(HeapTrim.MAX_FREE);
    assumeTrue(
        min.getOrigin() == VMOption.Origin.DEFAULT && max.getOrigin() == VMOption.Origin.DEFAULT,
        "the test JVM's free-heap ratios are its defaults");

    Compared compared = besidePlainCollection(HeapTrim.ofThisJvm());

    assertThat(compared.trim().heapCommittedBefore()).isGreaterThanOrEqualTo(160L << 20);
    assertThat(compared.trim().heapCommittedAfter())
        .as("%s", compared)
        .isLessThan(compared.plainCollection() * 3 / 4);
    assertThat(flags.getVMOption(HeapTrim.MIN_FREE).getValue()).isEqualTo(min.getValue());
    assertThat(flags.getVMOption(HeapTrim.MAX_FREE).getValue()).isEqualTo(max.getValue());
  }

  @Test
  @Order(2)
  void leaves_a_heap_alone_whose_ratios_the_operator_set() {
    VMOption max = flags.getVMOption(HeapTrim.MAX_FREE);
    flags.setVMOption(HeapTrim.MAX_FREE, max.getValue()); // now set "by management", as -XX: would

    Compared compared = besidePlainCollection(HeapTrim.ofThisJvm());

    assertThat(compared.trim().heapCommittedAfter())
        .as("a collection with the operator's ratios, as the plain one: %s", compared)
        .isGreaterThanOrEqualTo(compared.plainCollection() * 3 / 4);
    assertThat(flags.getVMOption(HeapTrim.MAX_FREE).getValue()).isEqualTo(max.getValue());
  }

  /** What a trim left of the heap, beside what a plain full collection left of the same heap. */
  private record Compared(long plainCollection, HeapTrim.Outcome trim) {
    @Override
    public String toString() {
      return "the trim, %s, next to a plain full collection's %d MiB"
          .formatted(trim, plainCollection >> 20);
    }
  }

  private static Compared besidePlainCollection(HeapTrim trim) {
    // live data that outweighs the heap's region rounding
    List<byte[]> live = hold(64);
    growHeap();
    System.gc(); // the same collection with the JVM's ratios: the reference
    long plain = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
    growHeap();
    HeapTrim.Outcome outcome = trim.run();
    Reference.reachabilityFence(live);
    return new Compared(plain, outcome);
  }

  /** Holds 128 MiB at once, then lets it go: the heap has grown and holds garbage. */
  private static void growHeap() {
    assertThat(hold(128)).hasSize(128);
  }

  private static List<byte[]> hold(int mebibytes) {
    List<byte[]> held = new ArrayList<>();
    for (int i = 0; i < mebibytes; i++) {
      held.add(new byte[1 << 20]);
    }
    return held;
  }
}
