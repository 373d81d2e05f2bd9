package coop.sol.merchant.qr;

import static coop.sol.merchant.fixtures.Fixtures.BASE_URL;
import static coop.sol.merchant.fixtures.Fixtures.NETWORK;
import static coop.sol.merchant.fixtures.Fixtures.NETWORK_KEY;
import static coop.sol.merchant.fixtures.Fixtures.NOW;
import static coop.sol.merchant.fixtures.Fixtures.TRUSTED;

import coop.sol.merchant.code.PaymentCodes;
import coop.sol.merchant.code.PaymentRequestCode;
import coop.sol.merchant.code.Verification;
import coop.sol.merchant.fixtures.Fixtures;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Throughput and latency per code of the till's rendering (a signed payment request as a PNG at 6
 * pixels per module with its caption, as the till shows it) and of the phone's decoding (scan and
 * signature check of a photo made by {@link DistortedPhotoTest#everythingAtOnce}: dim, turned 17°,
 * blurred, noisy, on a cluttered counter). One thread, in process; run by web-api's end-to-end
 * benchmark ({@code -Pe2e-bench}). Not a test.
 */
public final class QrBenchmark {
  private static final int MODULE_PIXELS = 6;
  private static final int DISTINCT_CODES = 16;

  private QrBenchmark() {}

  /** One measured operation: operations per second on one thread, latency per operation. */
  public record Result(
      String operation,
      long operations,
      double perSecond,
      double p50Ms,
      double p99Ms,
      double maxMs) {}

  /** Renders, then decodes, each for {@code seconds} after a warm-up of {@code warmUpSeconds}. */
  public static List<Result> run(int warmUpSeconds, int seconds) {
    List<String> links = new ArrayList<>();
    for (int i = 0; i < DISTINCT_CODES; i++) {
      var code =
          new PaymentRequestCode(
              NETWORK,
              104_729 + i,
              1_250 + i,
              "Ticket " + (1000 + i),
              NOW.plusSeconds(300),
              Fixtures.nonce(100 + i));
      links.add(PaymentCodes.sign(code, NETWORK_KEY).link(BASE_URL));
    }
    Caption caption = Caption.amount(1_250, AmountFormat.SOL, "Boulangerie du Coin");
    List<BufferedImage> photos = new ArrayList<>();
    for (String link : links) {
      photos.add(
          DistortedPhotoTest.everythingAtOnce(
              PngRenderer.render(QrSymbol.encode(link), caption, MODULE_PIXELS)));
    }
    long[] sink = new long[1];
    IntConsumer render =
        i ->
            sink[0] +=
                PngRenderer.png(
                        QrSymbol.encode(links.get(i % links.size())), caption, MODULE_PIXELS)
                    .length;
    IntConsumer decode =
        i -> {
          Verification verification =
              PaymentCodeScanner.scanAndVerify(
                  photos.get(i % photos.size()), TRUSTED, NETWORK, NOW);
          if (!(verification instanceof Verification.Verified)) {
            throw new IllegalStateException("a benchmark photo did not verify: " + verification);
          }
          sink[0]++;
        };
    int width = photos.get(0).getWidth();
    int height = photos.get(0).getHeight();
    return List.of(
        measure(
            "render a payment request PNG (QR encode, draw at 6 px/module with caption, PNG"
                + " encode)",
            render,
            warmUpSeconds,
            seconds),
        measure(
            "decode a phone photo ("
                + width
                + "×"
                + height
                + " px: dim, turned 17°, blurred, noisy, busy background) and verify its"
                + " signature",
            decode,
            warmUpSeconds,
            seconds));
  }

  private static Result measure(String name, IntConsumer operation, int warmUp, int seconds) {
    long warmUpEnd = System.nanoTime() + warmUp * 1_000_000_000L;
    int i = 0;
    while (System.nanoTime() < warmUpEnd) {
      operation.accept(i++);
    }
    long[] nanos = new long[1 << 16];
    int n = 0;
    long start = System.nanoTime();
    long end = start + seconds * 1_000_000_000L;
    long now = start;
    while (now < end) {
      operation.accept(i++);
      long after = System.nanoTime();
      if (n == nanos.length) {
        nanos = Arrays.copyOf(nanos, n * 2);
      }
      nanos[n++] = after - now;
      now = after;
    }
    long[] sorted = Arrays.copyOf(nanos, n);
    Arrays.sort(sorted);
    double elapsed = (now - start) / 1e9;
    return new Result(
        name,
        n,
        n / elapsed,
        sorted[percentileIndex(n, 0.50)] / 1e6,
        sorted[percentileIndex(n, 0.99)] / 1e6,
        sorted[n - 1] / 1e6);
  }

  private static int percentileIndex(int n, double p) {
    return Math.min(n - 1, (int) Math.ceil(p * n) - 1);
  }

  public static void main(String[] args) {
    for (Result r : run(2, 5)) {
      System.out.printf(
          "%s: %,.0f/s, p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
          r.operation(), r.perSecond(), r.p50Ms(), r.p99Ms(), r.maxMs());
    }
  }
}
