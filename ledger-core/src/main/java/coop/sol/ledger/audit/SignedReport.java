package coop.sol.ledger.audit;

import coop.sol.ledger.report.CirculationReport;
import coop.sol.ledger.report.ReportJson;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A circulation report as its canonical JSON ({@link ReportJson}) with the network's Ed25519
 * signature of {@code "SOL-REPORT" || 0x01 || json}: whoever holds the network's public key can
 * check the figures came from the ledger unchanged, and the offline verifier recomputes them from
 * an export.
 */
public record SignedReport(byte[] json, String keyId, byte[] signature) {
  private static final byte[] DOMAIN = "SOL-REPORT\u0001".getBytes(StandardCharsets.US_ASCII);

  public SignedReport {
    json = json.clone();
    signature = signature.clone();
  }

  public static SignedReport sign(CirculationReport report, NetworkSigner signer) {
    byte[] json = ReportJson.write(report);
    return new SignedReport(json, signer.keyId(), signer.sign(signedBytes(json)));
  }

  public static byte[] signedBytes(byte[] json) {
    byte[] bytes = Arrays.copyOf(DOMAIN, DOMAIN.length + json.length);
    System.arraycopy(json, 0, bytes, DOMAIN.length, json.length);
    return bytes;
  }

  public boolean signedBy(NetworkPublicKey key) {
    return key.keyId().equals(keyId) && key.verifies(signedBytes(json), signature);
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
