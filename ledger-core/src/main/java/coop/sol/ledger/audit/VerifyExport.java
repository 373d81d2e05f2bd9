package coop.sol.ledger.audit;

import coop.sol.keys.NetworkKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The offline verifier's command: checks an audit export with no server (see {@link ExportVerifier}
 * for what it checks). Exit status 0 when everything verifies, 1 at the first discrepancy (printed
 * precisely), 2 for a usage error.
 *
 * <pre>
 * ./mvnw -q -pl ledger-core -am -Pverify-export -DskipTests verify \
 *     -Dverify.args="export.zip --trusted-key 11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"
 * </pre>
 *
 * <p>{@code --trusted-key} takes a public key exactly as {@code GET
 * /api/v1/networks/{networkId}/keys} publishes it ({@code publicKey}: unpadded base64url, 43
 * characters). The 64 hex digits that the verifier took before migration V9 are still accepted, so
 * that older scripts keep working; a key id alone is not, as it could not be checked.
 */
@Command(
    name = "verify-export",
    mixinStandardHelpOptions = true,
    description =
        "Verifies a SOL ledger audit export offline: hash chains, checkpoint signatures and"
            + " heads, balances against the replay, zero sums, and signed reports' figures.")
public final class VerifyExport implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "EXPORT", description = "the export (.zip)")
  Path export;

  @Option(
      names = "--trusted-key",
      paramLabel = "PUBLIC_KEY",
      description =
          "a public key the network published: the publicKey of GET"
              + " /api/v1/networks/{networkId}/keys (unpadded base64url; 64 hex digits are also"
              + " accepted); repeatable. Without one, the keys in the export are used, which"
              + " proves integrity but not origin.")
  List<String> trustedKeys = new ArrayList<>();

  private static final Pattern HEX_KEY = Pattern.compile("[0-9a-fA-F]{64}");

  public static void main(String[] args) {
    System.exit(new CommandLine(new VerifyExport()).execute(args));
  }

  @Override
  public Integer call() {
    if (!Files.isRegularFile(export)) {
      System.err.println("no such file: " + export);
      return 2;
    }
    var trusted = new HashSet<NetworkKey>();
    for (String text : trustedKeys) {
      try {
        trusted.add(publicKey(text.strip()));
      } catch (IllegalArgumentException e) {
        System.err.println(
            "not a published Ed25519 public key (unpadded base64url, or 64 hex digits): " + text);
        return 2;
      }
    }
    var result = new ExportVerifier(trusted).verify(export);
    var out = System.out;
    for (String line : result.checked()) {
      out.println("ok  " + line);
    }
    if (result.valid()) {
      out.println("VALID: " + export);
      return 0;
    }
    out.println("DISCREPANCY: " + result.firstDiscrepancy().orElseThrow());
    return 1;
  }

  /** A key as published (base64url), or as 64 hex digits (the form taken before V9). */
  static NetworkKey publicKey(String text) {
    return HEX_KEY.matcher(text).matches()
        ? NetworkKey.of(HexFormat.of().parseHex(text))
        : NetworkKey.fromBase64Url(text);
  }
}
