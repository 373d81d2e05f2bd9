package coop.sol.keys;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * A network's private Ed25519 key, which signs its payment codes, checkpoints and reports (each
 * message starts with its own domain, so a signature of one never passes for another). Held by the
 * web application only, and stored as an {@link EncryptedSigningKey}.
 *
 * <p>{@link #toString()} never shows the key bytes, so a key that reaches a log line leaks nothing
 * but its id.
 *
 * @param id the id of the matching public key
 * @param privateKey the raw 32-byte private key (the RFC 8032 seed); copied in and out
 */
public record SigningKey(KeyId id, byte[] privateKey) {

  /** Bytes of a raw Ed25519 private key. */
  public static final int LENGTH = Ed25519PrivateKeyParameters.KEY_SIZE;

  /** Bytes of an Ed25519 signature. */
  public static final int SIGNATURE_LENGTH = Ed25519PrivateKeyParameters.SIGNATURE_SIZE;

  /**
   * @throws IllegalArgumentException if {@code id} is not the id of this key's public half
   */
  public SigningKey {
    if (privateKey.length != LENGTH) {
      throw new IllegalArgumentException("an Ed25519 private key is " + LENGTH + " bytes");
    }
    privateKey = privateKey.clone();
    KeyId actual = KeyId.of(publicKeyOf(privateKey));
    if (!id.equals(actual)) {
      throw new IllegalArgumentException(
          "key id " + id + " does not match the key (" + actual + ")");
    }
  }

  /** The key with the id of its public half. */
  public static SigningKey of(byte[] privateKey) {
    return new SigningKey(KeyId.of(publicKeyOf(privateKey)), privateKey);
  }

  /** A new key from {@code random}, which must be a cryptographically strong source. */
  public static SigningKey generate(SecureRandom random) {
    Ed25519KeyPairGenerator generator = new Ed25519KeyPairGenerator();
    generator.init(new Ed25519KeyGenerationParameters(random));
    AsymmetricCipherKeyPair pair = generator.generateKeyPair();
    return of(((Ed25519PrivateKeyParameters) pair.getPrivate()).getEncoded());
  }

  @Override
  public byte[] privateKey() {
    return privateKey.clone();
  }

  /** The public half, to hand to verifiers. */
  public NetworkKey networkKey() {
    return new NetworkKey(id, publicKeyOf(privateKey));
  }

  /** The {@value #SIGNATURE_LENGTH}-byte pure Ed25519 signature of {@code message}. */
  public byte[] sign(byte[] message) {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, new Ed25519PrivateKeyParameters(privateKey));
    signer.update(message, 0, message.length);
    return signer.generateSignature();
  }

  private static byte[] publicKeyOf(byte[] privateKey) {
    return new Ed25519PrivateKeyParameters(privateKey).generatePublicKey().getEncoded();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SigningKey that && Arrays.equals(privateKey, that.privateKey);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "SigningKey[id=" + id + ", privateKey=(hidden)]";
  }
}
