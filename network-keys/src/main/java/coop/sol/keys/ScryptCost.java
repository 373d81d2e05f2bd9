package coop.sol.keys;

/**
 * The work factors of scrypt (RFC 7914) used to turn a passphrase into the key that encrypts a
 * {@link SigningKey} at rest. Memory needed is {@code 128 * r * 2^log2N} bytes.
 *
 * <p>The bounds keep a tampered or corrupt stored key from making the application allocate
 * gigabytes or spin for minutes before it fails.
 *
 * @param log2N CPU/memory cost as a power of two, 10..20
 * @param blockSize scrypt's r, 1..16
 * @param parallelism scrypt's p, 1..4
 */
public record ScryptCost(int log2N, int blockSize, int parallelism) {

  /** OWASP's recommended minimum for scrypt: N = 2^17, r = 8, p = 1 (128 MiB). */
  public static final ScryptCost DEFAULT = new ScryptCost(17, 8, 1);

  public ScryptCost {
    if (log2N < 10 || log2N > 20) {
      throw new IllegalArgumentException("log2N must be 10..20, was " + log2N);
    }
    if (blockSize < 1 || blockSize > 16) {
      throw new IllegalArgumentException("blockSize must be 1..16, was " + blockSize);
    }
    if (parallelism < 1 || parallelism > 4) {
      throw new IllegalArgumentException("parallelism must be 1..4, was " + parallelism);
    }
  }

  /** Whether these factors are inside the bounds, for reading stored bytes without exceptions. */
  static boolean isValid(int log2N, int blockSize, int parallelism) {
    return log2N >= 10
        && log2N <= 20
        && blockSize >= 1
        && blockSize <= 16
        && parallelism >= 1
        && parallelism <= 4;
  }

  int n() {
    return 1 << log2N;
  }
}
