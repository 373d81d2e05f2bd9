package coop.sol.ledger.journal;

import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.Accounts;
import coop.sol.ledger.account.Balance;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.transfer.Transfers;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Verifies a network's journal against its stored state: every strand's hash chain from genesis,
 * the strand heads, every account's balance against the replay, and the zero sum of each strand.
 * Reads rows as stored, so it detects what a database superuser changed behind the ledger's back.
 *
 * <p>Meant to run while the ledger is quiet (at a checkpoint, or on a restored backup): transfers
 * committed while it runs may show as balance mismatches.
 */
public final class JournalVerifier {
  private final StrandHeadStore heads;
  private final Accounts accounts;
  private final Transfers transfers;

  public JournalVerifier(DataSource dataSource, Accounts accounts, Transfers transfers) {
    this.heads = new StrandHeadStore(dataSource);
    this.accounts = accounts;
    this.transfers = transfers;
  }

  public VerificationReport verify(NetworkId network) {
    var rows = new EnumMap<StrandKind, Long>(StrandKind.class);
    List<Account> all = accounts.list(network);
    for (StrandKind strand : StrandKind.values()) {
      var replay = new JournalReplay(strand);
      transfers.forEachInJournal(network, strand, replay::accept);
      rows.put(strand, replay.lastSeq());
      Optional<Discrepancy> problem = replay.discrepancy();
      if (problem.isEmpty()) {
        problem = checkHead(network, strand, replay);
      }
      if (problem.isEmpty()) {
        problem = checkBalances(strand, replay, all);
      }
      if (problem.isPresent()) {
        return new VerificationReport(rows, problem);
      }
    }
    return new VerificationReport(rows, Optional.empty());
  }

  private Optional<Discrepancy> checkHead(
      NetworkId network, StrandKind strand, JournalReplay replay) {
    Optional<StrandHeadStore.Head> recorded = heads.head(network, strand);
    if (recorded.isEmpty()) {
      return Optional.of(
          new Discrepancy(Discrepancy.Kind.HEAD_MISMATCH, strand, 0, "the strand is missing"));
    }
    StrandHeadStore.Head head = recorded.get();
    if (head.seq() != replay.lastSeq() || !Arrays.equals(head.hash(), replay.lastHash())) {
      return Optional.of(
          new Discrepancy(
              Discrepancy.Kind.HEAD_MISMATCH,
              strand,
              0,
              "recorded head is seq "
                  + head.seq()
                  + " "
                  + JournalReplay.hex(head.hash())
                  + ", journal ends at seq "
                  + replay.lastSeq()
                  + " "
                  + JournalReplay.hex(replay.lastHash())));
    }
    return Optional.empty();
  }

  private static Optional<Discrepancy> checkBalances(
      StrandKind strand, JournalReplay replay, List<Account> all) {
    long posted = 0;
    long pending = 0;
    var seen = new java.util.HashSet<Long>();
    for (Account account : all) {
      if (account.strand() != strand) {
        if (replay.accountIds().contains(account.id().value())) {
          return Optional.of(
              new Discrepancy(
                  Discrepancy.Kind.BALANCE_MISMATCH,
                  strand,
                  0,
                  "account "
                      + account.id()
                      + " of "
                      + account.strand()
                      + " appears in this strand"));
        }
        continue;
      }
      seen.add(account.id().value());
      Balance expected = replay.balance(account.id().value());
      if (!expected.equals(account.balance())) {
        return Optional.of(
            new Discrepancy(
                Discrepancy.Kind.BALANCE_MISMATCH,
                strand,
                0,
                "account "
                    + account.id()
                    + ": stored "
                    + account.balance()
                    + ", journal gives "
                    + expected));
      }
      posted = Math.addExact(posted, account.balance().posted());
      pending = Math.addExact(pending, account.balance().pending());
    }
    for (long id : replay.accountIds()) {
      if (!seen.contains(id)) {
        return Optional.of(
            new Discrepancy(
                Discrepancy.Kind.BALANCE_MISMATCH,
                strand,
                0,
                "the journal names account " + id + ", which is not an account of this strand"));
      }
    }
    if (posted != 0 || pending != 0) {
      return Optional.of(
          new Discrepancy(
              Discrepancy.Kind.NONZERO_SUM,
              strand,
              0,
              "posted balances sum to " + posted + ", pending to " + pending));
    }
    return Optional.empty();
  }
}
