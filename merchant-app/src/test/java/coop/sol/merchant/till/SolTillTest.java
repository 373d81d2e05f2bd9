package coop.sol.merchant.till;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.merchant.code.PaymentCodes;
import coop.sol.merchant.fixtures.Fixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, without a server: options, usage errors, and what works offline. */
class SolTillTest {
  /** A port nothing listens on. */
  private static final String NOWHERE = "http://127.0.0.1:9";

  @TempDir Path home;
  private final StringWriter out = new StringWriter();

  private int run(String... args) {
    var commandLine = SolTill.commandLine(java.time.Clock.systemUTC());
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(out, true));
    return commandLine.execute(args);
  }

  @Test
  void without_a_command_or_a_token_it_says_how_to_use_it() {
    assertThat(run()).isEqualTo(Exit.USAGE);
    assertThat(out.toString()).contains("charge", "scan", "verify", "history", "refund", "sync");
    assertThat(run("charge", "12.50", "--account", "5", "--home", home.toString()))
        .isEqualTo(Exit.USAGE);
    assertThat(out.toString()).contains("SOL_TOKEN");
  }

  @Test
  void the_options_go_before_or_after_the_command() {
    String code = PaymentCodes.sign(Fixtures.aPayToken(), Fixtures.NETWORK_KEY).text();
    String[] common = {
      "--url", NOWHERE, "--token", "t", "--account", "5", "--home", home.toString()
    };
    String[] after = new String[common.length + 2];
    after[0] = "verify";
    after[1] = code;
    System.arraycopy(common, 0, after, 2, common.length);
    assertThat(run(after)).isEqualTo(Exit.UNREACHABLE);
    String[] before = new String[common.length + 2];
    System.arraycopy(common, 0, before, 0, common.length);
    before[common.length] = "verify";
    before[common.length + 1] = code;
    assertThat(run(before)).isEqualTo(Exit.UNREACHABLE);
    assertThat(out.toString()).contains("API injoignable et aucune clé en cache");
  }

  @Test
  void an_empty_queue_syncs_without_a_server_and_a_refund_offline_names_its_retry_key() {
    assertThat(run("sync", "--url", NOWHERE, "--token", "t", "--home", home.toString()))
        .isEqualTo(Exit.OK);
    assertThat(out.toString()).contains("File vide");
    assertThat(
            run(
                "refund",
                "42",
                "1.00",
                "--url",
                NOWHERE,
                "--token",
                "t",
                "--home",
                home.toString()))
        .isEqualTo(Exit.UNREACHABLE);
    assertThat(out.toString()).contains("--idempotency-key till-refund-");
  }
}
