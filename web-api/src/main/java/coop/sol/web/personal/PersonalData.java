package coop.sol.web.personal;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.db.ReadSource.Freshness;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.transfer.HistoryQuery;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferId;
import coop.sol.web.account.AccountAccess;
import coop.sol.web.account.AccountView;
import coop.sol.web.account.NetworkDirectory;
import coop.sol.web.auth.Caller;
import coop.sol.web.csv.SpreadsheetCsv;
import coop.sol.web.transfer.TransferView;
import coop.sol.web.user.RoleGrant;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Gathers a person's data: who they are (username, display name, roles per network), the accounts
 * they hold (as {@link AccountAccess#held} says, in every network) with their balances, and every
 * transfer of those accounts, newest first, read page by page.
 */
@Component
public class PersonalData {
  /** The CSV's columns; a row fills those of its record kind (profile, role, account, transfer). */
  static final String[] CSV_HEADER = {
    "record",
    "network",
    "field",
    "value",
    "account_id",
    "strand",
    "owner_kind",
    "status",
    "balance",
    "transfer_id",
    "created_at",
    "direction",
    "amount",
    "counterparty_account_id",
    "code",
    "reference",
    "memo"
  };

  private final Ledger ledger;
  private final AccountAccess access;
  private final NetworkDirectory networks;
  private final Clock clock;

  PersonalData(Ledger ledger, AccountAccess access, NetworkDirectory networks, Clock clock) {
    this.ledger = ledger;
    this.access = access;
    this.networks = networks;
    this.clock = clock;
  }

  @Schema(name = "PersonalData")
  public record Export(Instant exportedAt, Profile profile, List<AccountWithHistory> accounts) {}

  @Schema(name = "PersonalProfile")
  public record Profile(String username, String displayName, List<RoleLine> roles) {}

  /**
   * @param network the network's code; null for the administrator's role
   */
  @Schema(name = "PersonalRole")
  public record RoleLine(
      String role,
      @Schema(nullable = true) String network,
      @Schema(nullable = true) String merchant) {}

  @Schema(name = "PersonalAccount")
  public record AccountWithHistory(AccountView account, List<TransferView> transfers) {}

  public Export of(Caller caller) {
    List<RoleLine> roles = new ArrayList<>();
    for (RoleGrant g : caller.grants()) {
      roles.add(
          new RoleLine(
              g.role().name(),
              g.network() == null ? null : networks.network(g.network()).code(),
              g.merchantRef()));
    }
    List<AccountWithHistory> accounts = new ArrayList<>();
    for (Account a : access.held(caller)) {
      Network network = networks.network(a.network());
      accounts.add(
          new AccountWithHistory(
              AccountView.of(a, network),
              history(a).stream().map(t -> TransferView.of(t, network)).toList()));
    }
    return new Export(
        clock.instant(),
        new Profile(caller.username(), caller.displayName(), List.copyOf(roles)),
        List.copyOf(accounts));
  }

  /**
   * The same data as CSV, one row per fact, in the reader's spreadsheet form ({@link
   * SpreadsheetCsv}: French {@code ;}, decimal comma and byte-order mark; English RFC 4180).
   */
  public byte[] csv(Export export, SpreadsheetCsv form) {
    List<List<String>> rows = new ArrayList<>();
    Profile p = export.profile();
    rows.add(Arrays.asList(row("profile", null, "username", p.username())));
    rows.add(Arrays.asList(row("profile", null, "display_name", p.displayName())));
    rows.add(Arrays.asList(row("profile", null, "exported_at", export.exportedAt().toString())));
    for (RoleLine r : p.roles()) {
      rows.add(
          Arrays.asList(
              row(
                  "role",
                  r.network(),
                  "role",
                  r.role() + (r.merchant() == null ? "" : " " + r.merchant()))));
    }
    for (AccountWithHistory a : export.accounts()) {
      AccountView v = a.account();
      String[] account = row("account", v.network(), null, null);
      account[4] = Long.toString(v.id());
      account[5] = v.strand();
      account[6] = v.ownerKind();
      account[7] = v.status();
      account[8] = form.amount(v.balance().posted());
      rows.add(Arrays.asList(account));
      for (TransferView t : a.transfers()) {
        boolean out1 = t.debitAccountId() == v.id();
        String[] transfer = row("transfer", v.network(), null, null);
        transfer[4] = Long.toString(v.id());
        transfer[5] = t.strand();
        transfer[9] = Long.toString(t.id());
        transfer[10] = t.createdAt().toString();
        transfer[11] = out1 ? "out" : "in";
        transfer[12] = form.amount(t.amount());
        transfer[13] = Long.toString(out1 ? t.creditAccountId() : t.debitAccountId());
        transfer[14] = t.code();
        transfer[15] = t.reference() == null ? "" : t.reference();
        transfer[16] = t.memo() == null ? "" : t.memo();
        rows.add(Arrays.asList(transfer));
      }
    }
    return form.write(List.of(CSV_HEADER), rows);
  }

  private static String[] row(String record, String network, String field, String value) {
    String[] row = new String[CSV_HEADER.length];
    java.util.Arrays.fill(row, "");
    row[0] = record;
    row[1] = network == null ? "" : network;
    row[2] = field == null ? "" : field;
    row[3] = value == null ? "" : value;
    return row;
  }

  private List<Transfer> history(Account account) {
    List<Transfer> all = new ArrayList<>();
    TransferId before = null;
    while (true) {
      List<Transfer> page =
          ledger
              .transfers()
              .history(
                  account.network(),
                  account.id(),
                  new HistoryQuery(before, null, null, java.util.Set.of(), 500),
                  Freshness.MAY_LAG);
      all.addAll(page);
      if (page.size() < 500) {
        return all;
      }
      before = page.get(page.size() - 1).id();
    }
  }
}
