package bench.bare;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The bare reference: what Spring Boot and Spring Security cost with nothing of SOL's. Security's
 * default filter chain with every request permitted; one handler that answers a small JSON record,
 * and two that read as SOL's balance and history reads do (the same statements, through HikariCP
 * and pgjdbc, on the database {@code spring.datasource.url} names: SOL's), with no authentication,
 * no rule and no metrics.
 */
@SpringBootApplication
@RestController
public class BareApp {
  /** The trivial handler's answer. */
  public record Hello(String hello, long at) {}

  /** An account's row, as the read handler answers it. */
  public record Account(
      long network,
      long id,
      short strand,
      String ownerKind,
      String owner,
      String name,
      String status,
      long creditLimit,
      long debitsPosted,
      long creditsPosted,
      long debitsPending,
      long creditsPending) {}

  /** One transfer of an account's history, as the history handler answers it. */
  public record Line(
      long id,
      short strand,
      long seq,
      String kind,
      long debitAccountId,
      long creditAccountId,
      long amount,
      String code,
      String idempotencyKey,
      Long pendingId,
      Long reversesId,
      OffsetDateTime expiresAt,
      String reference,
      String memo,
      OffsetDateTime createdAt,
      String hash) {}

  /** A page of an account's history. */
  public record History(long account, List<Line> transfers) {}

  /**
   * SOL's statement for a page of an account's history with no filter ({@code
   * TransferStore.history}): each side through its own index, merged.
   */
  private static final String HISTORY;

  static {
    String side =
        "(SELECT network_id, transfer_id, strand_id, seq, kind, debit_account_id,"
            + " credit_account_id, amount, code, idempotency_key, pending_id, reverses_id,"
            + " expires_at, reference, memo, created_at, hash FROM transfer"
            + " WHERE network_id = ? AND %s = ? ORDER BY transfer_id DESC LIMIT ?)";
    HISTORY =
        "SELECT * FROM ("
            + side.formatted("debit_account_id")
            + " UNION ALL "
            + side.formatted("credit_account_id")
            + ") h ORDER BY transfer_id DESC LIMIT ?";
  }

  /** SOL's statement for one account of one network ({@code AccountStore.findIn}). */
  private static final String SELECT =
      """
      SELECT network_id, account_id, strand_id, owner_kind, owner_ref, name, status, credit_limit,
             debits_posted, credits_posted, debits_pending, credits_pending
        FROM account
       WHERE network_id IN (?) AND account_id IN (?)""";

  private final DataSource dataSource;

  /** The seeded network's id, read at the first request (it is seeded after this app starts). */
  private volatile long network;

  BareApp(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public static void main(String[] args) {
    SpringApplication.run(BareApp.class, args);
  }

  @GetMapping("/hello")
  Hello hello() {
    return new Hello("world", 1L);
  }

  @GetMapping("/accounts/{id}")
  ResponseEntity<Account> account(@PathVariable long id) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select = c.prepareStatement(SELECT)) {
      select.setLong(1, network(c));
      select.setLong(2, id);
      try (ResultSet r = select.executeQuery()) {
        if (!r.next()) {
          return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
        }
        return ResponseEntity.ok(
            new Account(
                r.getLong(1),
                r.getLong(2),
                r.getShort(3),
                r.getString(4),
                r.getString(5),
                r.getString(6),
                r.getString(7),
                r.getLong(8),
                r.getLong(9),
                r.getLong(10),
                r.getLong(11),
                r.getLong(12)));
      }
    }
  }

  /**
   * A page of an account's history as SOL's history read makes it: the page's one statement (SOL
   * remembers an account's identity, which decides who may see it, and no longer reads its row for
   * a page).
   */
  @GetMapping("/accounts/{id}/transfers")
  ResponseEntity<History> history(@PathVariable long id, @RequestParam int limit)
      throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement page = c.prepareStatement(HISTORY)) {
      long network = network(c);
      int p = 1;
      for (int side = 0; side < 2; side++) {
        page.setLong(p++, network);
        page.setLong(p++, id);
        page.setInt(p++, limit);
      }
      page.setInt(p, limit);
      List<Line> lines = new ArrayList<>(limit);
      try (ResultSet r = page.executeQuery()) {
        while (r.next()) {
          long pending = r.getLong(11);
          Long pendingId = r.wasNull() ? null : pending;
          long reverses = r.getLong(12);
          Long reversesId = r.wasNull() ? null : reverses;
          lines.add(
              new Line(
                  r.getLong(2),
                  r.getShort(3),
                  r.getLong(4),
                  r.getString(5),
                  r.getLong(6),
                  r.getLong(7),
                  r.getLong(8),
                  r.getString(9),
                  r.getString(10),
                  pendingId,
                  reversesId,
                  r.getObject(13, OffsetDateTime.class),
                  r.getString(14),
                  r.getString(15),
                  r.getObject(16, OffsetDateTime.class),
                  HexFormat.of().formatHex(r.getBytes(17))));
        }
      }
      return ResponseEntity.ok(new History(id, lines));
    }
  }

  private long network(Connection c) throws SQLException {
    if (network == 0) {
      try (PreparedStatement find =
              c.prepareStatement("SELECT network_id FROM network WHERE code = 'bench'");
          ResultSet r = find.executeQuery()) {
        if (!r.next()) {
          throw new IllegalStateException("no network 'bench' in this database");
        }
        network = r.getLong(1);
      }
    }
    return network;
  }

  @Bean
  SecurityFilterChain security(HttpSecurity http) throws Exception {
    return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll()).build();
  }
}
