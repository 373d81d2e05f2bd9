package coop.sol.keys;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * A {@link SigningKey} encrypted with a passphrase, the form in which the web application keeps
 * network keys at rest. The passphrase is stretched with scrypt into an AES-256 key; the private
 * key is sealed with AES-GCM, whose tag also covers the header (version, cost, key id, salt,
 * nonce), so none of those can be changed unnoticed.
 *
 * <p>Byte layout, version 1 ({@value #LENGTH} bytes; the text form is unpadded base64url):
 *
 * <pre>
 *  0      format version, 1
 *  1      key derivation, 1 = scrypt
 *  2..4   scrypt log2(N), r, p
 *  5..8   key id of the public half, so a stored key can be listed without the passphrase
 *  9..24  scrypt salt, 16 random bytes
 * 25..36  AES-GCM nonce, 12 random bytes
 * 37..84  AES-256-GCM ciphertext of the 32-byte private key, then the 16-byte tag
 * </pre>
 *
 * <p>The passphrase is Unicode NFC-normalised, then UTF-8 encoded, so that it decrypts whichever
 * keyboard typed the accents.
 */
public final class EncryptedSigningKey {

  static final byte VERSION = 1;
  static final byte KDF_SCRYPT = 1;
  static final int SALT_LENGTH = 16;
  static final int NONCE_LENGTH = 12;
  static final int TAG_BITS = 128;
  static final int HEADER_LENGTH = 5 + KeyId.LENGTH + SALT_LENGTH + NONCE_LENGTH;
  static final int LENGTH = HEADER_LENGTH + SigningKey.LENGTH + TAG_BITS / 8;

  private final byte[] bytes;

  private EncryptedSigningKey(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Encrypts {@code key} under {@code passphrase}.
   *
   * @param random a cryptographically strong source for salt and nonce
   * @throws IllegalArgumentException if the passphrase is empty
   */
  public static EncryptedSigningKey encrypt(
      SigningKey key, char[] passphrase, ScryptCost cost, SecureRandom random) {
    if (passphrase.length == 0) {
      throw new IllegalArgumentException("an empty passphrase protects nothing");
    }
    byte[] salt = new byte[SALT_LENGTH];
    byte[] nonce = new byte[NONCE_LENGTH];
    random.nextBytes(salt);
    random.nextBytes(nonce);
    ByteBuffer header =
        ByteBuffer.allocate(HEADER_LENGTH)
            .put(VERSION)
            .put(KDF_SCRYPT)
            .put((byte) cost.log2N())
            .put((byte) cost.blockSize())
            .put((byte) cost.parallelism())
            .put(key.id().toBytes())
            .put(salt)
            .put(nonce);
    byte[] headerBytes = header.array();
    byte[] privateKey = key.privateKey();
    try {
      Cipher aes = aesGcm(Cipher.ENCRYPT_MODE, passphrase, cost, salt, nonce);
      aes.updateAAD(headerBytes);
      byte[] sealed = aes.doFinal(privateKey);
      byte[] all = Arrays.copyOf(headerBytes, LENGTH);
      System.arraycopy(sealed, 0, all, HEADER_LENGTH, sealed.length);
      return new EncryptedSigningKey(all);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is missing from this Java runtime", e);
    } finally {
      Arrays.fill(privateKey, (byte) 0);
    }
  }

  /** Reads the text of {@link #toText()}; empty if it is not an encrypted key this code reads. */
  public static Optional<EncryptedSigningKey> parse(String text) {
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(text.strip());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    boolean readable =
        bytes.length == LENGTH
            && bytes[0] == VERSION
            && bytes[1] == KDF_SCRYPT
            && ScryptCost.isValid(bytes[2], bytes[3], bytes[4]);
    return readable ? Optional.of(new EncryptedSigningKey(bytes)) : Optional.empty();
  }

  /** Parses then decrypts stored text in one step. */
  public static Decryption decrypt(String text, char[] passphrase) {
    return parse(text)
        .map(encrypted -> encrypted.decrypt(passphrase))
        .orElseGet(() -> new Decryption.Failed(Decryption.Reason.UNREADABLE));
  }

  /** Recovers the key, or says why not; never throws for a wrong passphrase or altered bytes. */
  public Decryption decrypt(char[] passphrase) {
    byte[] salt = Arrays.copyOfRange(bytes, 9, 9 + SALT_LENGTH);
    byte[] nonce = Arrays.copyOfRange(bytes, 9 + SALT_LENGTH, HEADER_LENGTH);
    byte[] privateKey = null;
    try {
      Cipher aes = aesGcm(Cipher.DECRYPT_MODE, passphrase, cost(), salt, nonce);
      aes.updateAAD(bytes, 0, HEADER_LENGTH);
      privateKey = aes.doFinal(bytes, HEADER_LENGTH, LENGTH - HEADER_LENGTH);
      SigningKey key = SigningKey.of(privateKey);
      // The tag covered the header, so a mismatch here means the writer was broken, not a tamperer.
      return key.id().equals(keyId())
          ? new Decryption.Decrypted(key)
          : new Decryption.Failed(Decryption.Reason.UNREADABLE);
    } catch (AEADBadTagException e) {
      return new Decryption.Failed(Decryption.Reason.WRONG_PASSPHRASE);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is missing from this Java runtime", e);
    } finally {
      if (privateKey != null) {
        Arrays.fill(privateKey, (byte) 0);
      }
    }
  }

  /** The id of the key inside, readable without the passphrase. */
  public KeyId keyId() {
    return KeyId.fromBytes(bytes, 5);
  }

  public ScryptCost cost() {
    return new ScryptCost(bytes[2], bytes[3], bytes[4]);
  }

  /** The {@value #LENGTH} bytes of the layout above. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /** Unpadded base64url of {@link #toBytes()}, for a configuration file or a database column. */
  public String toText() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static Cipher aesGcm(
      int mode, char[] passphrase, ScryptCost cost, byte[] salt, byte[] nonce)
      throws GeneralSecurityException {
    byte[] secret = passphraseBytes(passphrase);
    byte[] aesKey =
        SCrypt.generate(secret, salt, cost.n(), cost.blockSize(), cost.parallelism(), 32);
    Arrays.fill(secret, (byte) 0);
    Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
    aes.init(mode, new SecretKeySpec(aesKey, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
    Arrays.fill(aesKey, (byte) 0);
    return aes;
  }

  private static byte[] passphraseBytes(char[] passphrase) {
    return Normalizer.normalize(new String(passphrase), Normalizer.Form.NFC)
        .getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof EncryptedSigningKey that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "EncryptedSigningKey[id=" + keyId() + ", " + cost() + "]";
  }
}
