package coop.sol.web.reliability.harness;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import coop.sol.ledger.Ledger;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.transfer.TransferCode;
import coop.sol.ledger.transfer.TransferCommand;
import coop.sol.ledger.transfer.TransferOutcome;
import coop.sol.ledger.transfer.WriteObserver;
import coop.sol.ledger.transfer.WriterSettings;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * The benchmark's network, seeded into the running application's database before the load: a
 * network {@code bench}, its members and merchants with a SOL Coopération account each, every
 * member funded by an issuance transfer, and for each a user with the member or merchant role and a
 * personal access token (scopes read and pay).
 *
 * <p>Accounts and balances go through ledger-core's services ({@code Ledger}: its own writer for
 * the new network, which the application has not touched yet, closed before the load). Users, roles
 * and tokens are rows written with SQL, as the application stores them (a token is kept as its
 * SHA-256): the API creates tokens only after a password check, an Argon2id hash each, which would
 * make seeding thousands of users take minutes.
 */
final class BenchNetwork {
  /** Each member's starting balance: 1,000.00 SOL in minor units. */
  static final long MEMBER_BALANCE = 100_000;

  /** A user of the network, with its account and token. */
  record Holder(String username, long accountId, String token) {}

  final List<Holder> members;
  final List<Holder> merchants;

  private BenchNetwork(List<Holder> members, List<Holder> merchants) {
    this.members = members;
    this.merchants = merchants;
  }

  static BenchNetwork seed(String jdbcUrl, int memberCount, int merchantCount) throws Exception {
    var config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername("postgres");
    config.setMaximumPoolSize(4);
    config.setPoolName("bench-seed");
    try (var dataSource = new HikariDataSource(config)) {
      List<Holder> members = new ArrayList<>();
      List<Holder> merchants = new ArrayList<>();
      long networkId;
      try (var ledger =
          new Ledger(dataSource, WriterSettings.DEFAULTS, Clock.systemUTC(), WriteObserver.NONE)) {
        Network network = ledger.networks().create("bench", "Benchmark");
        networkId = network.id().value();
        var strand = StrandKind.COOPERATION;
        Account issuance =
            ledger
                .accounts()
                .open(
                    network.id(),
                    strand,
                    OwnerKind.SYSTEM,
                    "issuance",
                    "Émission",
                    OptionalLong.empty());
        var random = new SecureRandom();
        List<CompletableFuture<TransferOutcome>> funding = new ArrayList<>();
        for (int i = 1; i <= memberCount; i++) {
          String username = String.format("member%05d", i);
          Account account =
              ledger
                  .accounts()
                  .open(
                      network.id(),
                      strand,
                      OwnerKind.MEMBER,
                      username,
                      username,
                      OptionalLong.of(0));
          members.add(new Holder(username, account.id().value(), newToken(random)));
          funding.add(
              ledger
                  .transfers()
                  .submit(
                      network.id(),
                      TransferCommand.posted(
                          new IdempotencyKey("bench-funding-" + i),
                          strand,
                          issuance.id(),
                          account.id(),
                          Amount.of(MEMBER_BALANCE),
                          TransferCode.ISSUANCE)));
        }
        for (int i = 1; i <= merchantCount; i++) {
          String username = String.format("shop%03d", i);
          Account account =
              ledger
                  .accounts()
                  .open(
                      network.id(),
                      strand,
                      OwnerKind.MERCHANT,
                      username,
                      username,
                      OptionalLong.of(0));
          merchants.add(new Holder(username, account.id().value(), newToken(random)));
        }
        for (var outcome : funding) {
          if (!(outcome.join() instanceof TransferOutcome.Posted)) {
            throw new IllegalStateException("funding rejected: " + outcome.join());
          }
        }
      }
      try (Connection c = dataSource.getConnection()) {
        insertUsers(c, networkId, members, "MEMBER");
        insertUsers(c, networkId, merchants, "MERCHANT");
      }
      return new BenchNetwork(List.copyOf(members), List.copyOf(merchants));
    }
  }

  private static void insertUsers(Connection c, long networkId, List<Holder> holders, String role)
      throws SQLException {
    String[] usernames = holders.stream().map(Holder::username).toArray(String[]::new);
    String[] tokens = holders.stream().map(Holder::token).toArray(String[]::new);
    try (var users =
            c.prepareStatement(
                "INSERT INTO app_user (username, display_name, password_hash)"
                    + " SELECT u, u, 'no password: benchmark user with a token only'"
                    + " FROM unnest(?::text[]) AS u");
        var roles =
            c.prepareStatement(
                "INSERT INTO user_role (user_id, network_id, role)"
                    + " SELECT user_id, ?, ? FROM app_user WHERE username = ANY (?::text[])");
        var apiTokens =
            c.prepareStatement(
                "INSERT INTO api_token (user_id, name, token_hash, token_prefix, scopes,"
                    + " expires_at)"
                    + " SELECT a.user_id, 'e2e benchmark', sha256(convert_to(t.token, 'UTF8')),"
                    + " left(t.token, 12), ARRAY['read', 'pay'], now() + interval '1 day'"
                    + " FROM unnest(?::text[], ?::text[]) AS t (username, token)"
                    + " JOIN app_user a ON a.username = t.username")) {
      users.setArray(1, c.createArrayOf("text", usernames));
      users.executeUpdate();
      roles.setLong(1, networkId);
      roles.setString(2, role);
      roles.setArray(3, c.createArrayOf("text", usernames));
      roles.executeUpdate();
      apiTokens.setArray(1, c.createArrayOf("text", usernames));
      apiTokens.setArray(2, c.createArrayOf("text", tokens));
      apiTokens.executeUpdate();
    }
  }

  /** A token as the application makes them: "sol_pat_" and 32 random bytes in base64url. */
  private static String newToken(SecureRandom random) {
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    return "sol_pat_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }
}
