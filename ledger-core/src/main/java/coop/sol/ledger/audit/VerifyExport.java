package coop.sol.ledger.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
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
 *     -Dverify.args="export.zip --trusted-key 3b6a27bc…"
 * </pre>
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
      paramLabel = "HEX",
      description =
          "a public key the network published (64 hex digits); repeatable. Without one, the keys"
              + " in the export are used, which proves integrity but not origin.")
  List<String> trustedKeys = new ArrayList<>();

  public static void main(String[] args) {
    System.exit(new CommandLine(new VerifyExport()).execute(args));
  }

  @Override
  public Integer call() {
    if (!Files.isRegularFile(export)) {
      System.err.println("no such file: " + export);
      return 2;
    }
    var trusted = new HashSet<NetworkPublicKey>();
    for (String hex : trustedKeys) {
      try {
        trusted.add(NetworkPublicKey.fromHex(hex));
      } catch (IllegalArgumentException e) {
        System.err.println("not an Ed25519 public key: " + hex);
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
}
