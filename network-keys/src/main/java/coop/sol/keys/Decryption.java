package coop.sol.keys;

/** What came of decrypting a stored {@link EncryptedSigningKey}. */
public sealed interface Decryption {

  /** The passphrase was right and the stored bytes intact. */
  record Decrypted(SigningKey key) implements Decryption {}

  /** The key could not be recovered; nothing about the passphrase is revealed beyond that. */
  record Failed(Reason reason) implements Decryption {}

  enum Reason {
    /** Not an encrypted key of a format this code reads (wrong text, version, length or cost). */
    UNREADABLE,
    /**
     * The authentication tag did not match: the passphrase is wrong, or the stored bytes were
     * altered. AES-GCM cannot tell these apart.
     */
    WRONG_PASSPHRASE
  }
}
