package coop.sol.keys;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.agreement.X25519Agreement;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/**
 * A short secret sealed for the holder of a network's private key: what an offline till keeps of a
 * member card's PIN until it can send the charge (docs/member-card.md). Only the server, which
 * holds the network's signing key, can open it; the till, its disk or a thief of its disk cannot.
 *
 * <p>The network's Ed25519 key is used as an X25519 key through the birational map of RFC 7748
 * (libsodium's {@code crypto_sign_ed25519_pk_to_curve25519}, tested against libsodium's vector), so
 * that tills need no other key than the one they already cache to check codes. Sealing is ECIES: an
 * ephemeral X25519 key, HKDF-SHA256 of the shared secret into an AES-256-GCM key; the tag covers
 * the header and a context the caller binds the secret to (the charge it belongs to).
 *
 * <p>Byte layout, version 1 (the text form is unpadded base64url):
 *
 * <pre>
 *  0       format version, 1
 *  1..4    key id of the network key it is sealed for
 *  5..36   the ephemeral X25519 public key
 * 37..48   AES-GCM nonce
 * 49..     AES-256-GCM ciphertext of the secret, then the 16-byte tag
 * </pre>
 */
public final class SealedForNetwork {
  static final byte VERSION = 1;
  private static final int NONCE_LENGTH = 12;
  private static final int TAG_BITS = 128;
  private static final int HEADER_LENGTH = 1 + KeyId.LENGTH + 32 + NONCE_LENGTH;
  private static final int MAX_SECRET = 64;
  private static final byte[] INFO =
      "sol sealed-for-network v1".getBytes(StandardCharsets.US_ASCII);
  private static final BigInteger P =
      BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));

  private SealedForNetwork() {}

  /**
   * Seals {@code secret} (at most {@value #MAX_SECRET} bytes) for {@code recipient}'s private half,
   * bound to {@code context}: it opens only with the same context.
   */
  public static String seal(
      NetworkKey recipient, byte[] secret, byte[] context, SecureRandom random) {
    if (secret.length == 0 || secret.length > MAX_SECRET) {
      throw new IllegalArgumentException("a sealed secret is 1 to " + MAX_SECRET + " bytes");
    }
    X25519PrivateKeyParameters ephemeral = new X25519PrivateKeyParameters(random);
    byte[] ephemeralPublic = ephemeral.generatePublicKey().getEncoded();
    byte[] recipientX = x25519PublicKey(recipient);
    byte[] shared = agree(ephemeral, recipientX);
    byte[] nonce = new byte[NONCE_LENGTH];
    random.nextBytes(nonce);
    byte[] header =
        ByteBuffer.allocate(HEADER_LENGTH)
            .put(VERSION)
            .put(recipient.id().toBytes())
            .put(ephemeralPublic)
            .put(nonce)
            .array();
    byte[] sealed =
        aes(
            Cipher.ENCRYPT_MODE,
            key(shared, ephemeralPublic, recipientX),
            nonce,
            header,
            context,
            secret);
    byte[] out = Arrays.copyOf(header, HEADER_LENGTH + sealed.length);
    System.arraycopy(sealed, 0, out, HEADER_LENGTH, sealed.length);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
  }

  /** The key id a sealed text names, to pick the private key; empty if it is not such a text. */
  public static Optional<KeyId> keyId(String text) {
    return bytes(text).map(b -> KeyId.fromBytes(b, 1));
  }

  /**
   * The secret, if {@code text} was sealed for {@code key} with this {@code context} and not
   * altered since; empty otherwise (which of these, it does not say).
   */
  public static Optional<byte[]> open(SigningKey key, String text, byte[] context) {
    Optional<byte[]> read = bytes(text);
    if (read.isEmpty() || !KeyId.fromBytes(read.get(), 1).equals(key.id())) {
      return Optional.empty();
    }
    byte[] all = read.get();
    byte[] header = Arrays.copyOf(all, HEADER_LENGTH);
    byte[] ephemeralPublic = Arrays.copyOfRange(all, 1 + KeyId.LENGTH, 1 + KeyId.LENGTH + 32);
    byte[] nonce = Arrays.copyOfRange(all, 1 + KeyId.LENGTH + 32, HEADER_LENGTH);
    X25519PrivateKeyParameters own = new X25519PrivateKeyParameters(x25519PrivateKey(key), 0);
    byte[] ownPublic = own.generatePublicKey().getEncoded();
    byte[] shared;
    try {
      shared = agree(own, ephemeralPublic);
    } catch (IllegalStateException lowOrderPoint) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          aes(
              Cipher.DECRYPT_MODE,
              key(shared, ephemeralPublic, ownPublic),
              nonce,
              header,
              context,
              Arrays.copyOfRange(all, HEADER_LENGTH, all.length)));
    } catch (IllegalArgumentException altered) {
      return Optional.empty();
    }
  }

  /** RFC 7748's map from an Edwards point's y to the Montgomery u: u = (1 + y) / (1 - y) mod p. */
  static byte[] x25519PublicKey(NetworkKey key) {
    byte[] littleEndian = key.publicKey();
    littleEndian[31] &= 0x7f; // the sign of x is not needed
    BigInteger y = new BigInteger(1, reverse(littleEndian));
    BigInteger u =
        BigInteger.ONE.add(y).multiply(BigInteger.ONE.subtract(y).mod(P).modInverse(P)).mod(P);
    byte[] bigEndian = u.toByteArray();
    byte[] out = new byte[32];
    for (int i = 0; i < 32 && i < bigEndian.length; i++) {
      out[i] = bigEndian[bigEndian.length - 1 - i];
    }
    return out;
  }

  /** The X25519 scalar of an Ed25519 seed: the first half of SHA-512(seed), clamped (RFC 8032). */
  static byte[] x25519PrivateKey(SigningKey key) {
    SHA512Digest sha512 = new SHA512Digest();
    byte[] seed = key.privateKey();
    sha512.update(seed, 0, seed.length);
    byte[] hash = new byte[64];
    sha512.doFinal(hash, 0);
    Arrays.fill(seed, (byte) 0);
    byte[] scalar = Arrays.copyOf(hash, 32);
    Arrays.fill(hash, (byte) 0);
    scalar[0] &= (byte) 248;
    scalar[31] &= 127;
    scalar[31] |= 64;
    return scalar;
  }

  private static byte[] agree(X25519PrivateKeyParameters own, byte[] otherPublic) {
    X25519Agreement agreement = new X25519Agreement();
    agreement.init(own);
    byte[] shared = new byte[agreement.getAgreementSize()];
    agreement.calculateAgreement(new X25519PublicKeyParameters(otherPublic, 0), shared, 0);
    return shared;
  }

  private static byte[] key(byte[] shared, byte[] ephemeralPublic, byte[] recipientPublic) {
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
    byte[] salt = Arrays.copyOf(ephemeralPublic, 64);
    System.arraycopy(recipientPublic, 0, salt, 32, 32);
    hkdf.init(new HKDFParameters(shared, salt, INFO));
    byte[] key = new byte[32];
    hkdf.generateBytes(key, 0, key.length);
    Arrays.fill(shared, (byte) 0);
    return key;
  }

  private static byte[] aes(
      int mode, byte[] key, byte[] nonce, byte[] header, byte[] context, byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(header);
      cipher.updateAAD(context);
      return cipher.doFinal(input);
    } catch (javax.crypto.AEADBadTagException altered) {
      throw new IllegalArgumentException("sealed text altered, or another key or context", altered);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  private static Optional<byte[]> bytes(String text) {
    if (text == null || text.length() > 200) {
      return Optional.empty();
    }
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
    if (bytes.length <= HEADER_LENGTH + TAG_BITS / 8 || bytes[0] != VERSION) {
      return Optional.empty();
    }
    return Optional.of(bytes);
  }

  private static byte[] reverse(byte[] bytes) {
    byte[] out = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      out[i] = bytes[bytes.length - 1 - i];
    }
    return out;
  }
}
