package coop.sol.keys;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (RFC 9106, version 0x13), Bouncy Castle's: the slow hash of short secrets such as a
 * member card's PIN. Kept here so that Bouncy Castle stays this module's alone.
 */
public final class Argon2id {
  private Argon2id() {}

  /**
   * @param memoryKib memory cost in KiB
   * @param iterations passes over the memory
   * @param length bytes of output
   */
  public static byte[] hash(
      byte[] secret, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
    var generator = new Argon2BytesGenerator();
    generator.init(
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(memoryKib)
            .withIterations(iterations)
            .withParallelism(parallelism)
            .withSalt(salt)
            .build());
    byte[] out = new byte[length];
    generator.generateBytes(secret, out);
    return out;
  }
}
