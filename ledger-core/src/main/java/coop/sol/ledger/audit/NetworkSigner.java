package coop.sol.ledger.audit;

import java.security.SecureRandom;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * A network's Ed25519 private key, held by the caller (storing and protecting it is the
 * application's job; the ledger never stores it). Signs checkpoints and reports.
 */
public final class NetworkSigner {
  private final Ed25519PrivateKeyParameters key;
  private final NetworkPublicKey publicKey;

  private NetworkSigner(Ed25519PrivateKeyParameters key) {
    this.key = key;
    this.publicKey = new NetworkPublicKey(key.generatePublicKey().getEncoded());
  }

  /** From the 32-byte private key (seed). */
  public static NetworkSigner fromPrivateKey(byte[] privateKey) {
    if (privateKey.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
      throw new IllegalArgumentException("an Ed25519 private key is 32 bytes");
    }
    return new NetworkSigner(new Ed25519PrivateKeyParameters(privateKey, 0));
  }

  public static NetworkSigner generate(SecureRandom random) {
    return new NetworkSigner(new Ed25519PrivateKeyParameters(random));
  }

  /** The 32-byte private key, for the caller to store. */
  public byte[] privateKey() {
    return key.getEncoded();
  }

  public NetworkPublicKey publicKey() {
    return publicKey;
  }

  public String keyId() {
    return publicKey.keyId();
  }

  /** The Ed25519 signature (64 bytes) of {@code message}. */
  public byte[] sign(byte[] message) {
    var signer = new Ed25519Signer();
    signer.init(true, key);
    signer.update(message, 0, message.length);
    return signer.generateSignature();
  }
}
