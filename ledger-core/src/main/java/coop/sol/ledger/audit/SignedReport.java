package coop.sol.ledger.audit;

import coop.sol.keys.NetworkKey;
import coop.sol.keys.SigningKey;
import coop.sol.keys.TrustedKeys;
import coop.sol.ledger.report.CirculationReport;
import coop.sol.ledger.report.ReportJson;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * A circulation report as its canonical JSON ({@link ReportJson}) with the network's Ed25519
 * signature of {@code "SOL-REPORT" || 0x01 || json}: whoever holds the network's public key can
 * check the figures came from the ledger unchanged, and the offline verifier recomputes them from
 * an export.
 *
 * @param keyId the signing key's {@link coop.sol.keys.KeyId}, 8 hex digits (a report signed before
 *     migration V9 names it by its 16-digit legacy id, see {@link SignerIds}); not signed
 */
public record SignedReport(byte[] json, String keyId, byte[] signature) {
  private static final byte[] DOMAIN = "SOL-REPORT\u0001".getBytes(StandardCharsets.US_ASCII);

  public SignedReport {
    json = json.clone();
    signature = signature.clone();
    if (!SignerIds.isWellFormed(keyId)) {
      throw new IllegalArgumentException("not a key id: " + keyId);
    }
  }

  public static SignedReport sign(CirculationReport report, SigningKey signer) {
    byte[] json = ReportJson.write(report);
    return new SignedReport(
        json, SignerIds.of(signer.networkKey()), signer.sign(signedBytes(json)));
  }

  public static byte[] signedBytes(byte[] json) {
    byte[] bytes = Arrays.copyOf(DOMAIN, DOMAIN.length + json.length);
    System.arraycopy(json, 0, bytes, DOMAIN.length, json.length);
    return bytes;
  }

  /** Whether the report names {@code key} and the signature is its signature. */
  public boolean signedBy(NetworkKey key) {
    return SignerIds.names(keyId, key) && key.verifies(signedBytes(json), signature);
  }

  /** The key among {@code keys} that this report names as its signer, if any. */
  public Optional<NetworkKey> namedKey(TrustedKeys keys) {
    return SignerIds.in(keys, keyId);
  }

  @Override
  public byte[] json() {
    return json.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }
}
