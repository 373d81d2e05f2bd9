package coop.sol.ledger.account;

import coop.sol.ledger.db.CoalescedReads;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Opens accounts, reads them, and changes their status or credit limit. Never changes balances:
 * only the transfer writer does.
 */
public final class Accounts {
  /**
   * The most lookups by id one statement answers: more than the request threads that ask at once
   * under load (16 connections in the wrk benchmark), so a batch takes all that queued.
   */
  private static final int LOOKUPS_PER_STATEMENT = Integer.getInteger("sol.lookups.batch", 64);

  /**
   * The most lookup statements at once. One: with wrk's 16 connections reading balances, side by
   * side (BENCHMARKS.md), one at a time served 26 % more than no batching, two 15 % more, and four
   * 26 % less than one: the fewer statements run, the more lookups each answers and the less each
   * costs both processes.
   */
  private static final int LOOKUP_STATEMENTS = Integer.getInteger("sol.lookups.statements", 1);

  private final AccountStore store;
  private final CoalescedReads<Lookup, Optional<Account>> lookups;

  public Accounts(DataSource dataSource) {
    this.store = new AccountStore(dataSource);
    this.lookups = new CoalescedReads<>(this::lookUp, LOOKUPS_PER_STATEMENT, LOOKUP_STATEMENTS);
  }

  /**
   * Opens an account with zero balances.
   *
   * @param creditLimit how far below zero it may go (minor units); empty = unlimited, SYSTEM only
   */
  public Account open(
      NetworkId network,
      StrandKind strand,
      OwnerKind ownerKind,
      String ownerRef,
      String name,
      OptionalLong creditLimit) {
    checkCreditLimit(ownerKind, creditLimit);
    return store.insert(network, strand, ownerKind, ownerRef, name, creditLimit);
  }

  /**
   * The owner's oldest account on {@code strand}, opened as {@link #open} would if it has none: for
   * an account an owner has one of, opened on first use by whichever request comes first.
   * Concurrent calls, on any instance, return the same account.
   */
  public Account openOnce(
      NetworkId network,
      StrandKind strand,
      OwnerKind ownerKind,
      String ownerRef,
      String name,
      OptionalLong creditLimit) {
    checkCreditLimit(ownerKind, creditLimit);
    return store.openOnce(network, strand, ownerKind, ownerRef, name, creditLimit);
  }

  private static void checkCreditLimit(OwnerKind ownerKind, OptionalLong creditLimit) {
    if (creditLimit.isEmpty() && ownerKind != OwnerKind.SYSTEM) {
      throw new IllegalArgumentException("only system accounts may have no credit limit");
    }
    if (creditLimit.isPresent() && creditLimit.getAsLong() < 0) {
      throw new IllegalArgumentException("a credit limit is >= 0");
    }
  }

  public Optional<Account> find(NetworkId network, AccountId id) {
    return store.find(network, id);
  }

  /** The account with this id in any of {@code networks} (how callers scope a lookup by id). */
  public Optional<Account> findIn(Collection<NetworkId> networks, AccountId id) {
    if (networks.isEmpty()) {
      return Optional.empty();
    }
    return lookups.read(new Lookup(networks, id));
  }

  record Lookup(Collection<NetworkId> networks, AccountId id) {}

  /** Lookups that arrived together, in one statement over their networks and ids. */
  List<Optional<Account>> lookUp(List<Lookup> lookups) {
    Set<NetworkId> networks = new LinkedHashSet<>();
    Set<AccountId> ids = new LinkedHashSet<>();
    for (Lookup lookup : lookups) {
      networks.addAll(lookup.networks());
      ids.add(lookup.id());
    }
    List<Account> found = store.findIn(networks, ids);
    var answers = new ArrayList<Optional<Account>>(lookups.size());
    for (Lookup lookup : lookups) {
      Optional<Account> answer = Optional.empty();
      for (Account account : found) {
        if (account.id().equals(lookup.id()) && lookup.networks().contains(account.network())) {
          answer = Optional.of(account);
          break;
        }
      }
      answers.add(answer);
    }
    return answers;
  }

  /**
   * The accounts with these ids in any of {@code networks}, in no particular order: several lookups
   * of {@link #findIn} in one round trip.
   */
  public List<Account> findIn(Collection<NetworkId> networks, Collection<AccountId> ids) {
    if (networks.isEmpty() || ids.isEmpty()) {
      return List.of();
    }
    return store.findIn(networks, ids);
  }

  public List<Account> findByOwner(NetworkId network, OwnerKind kind, String ownerRef) {
    return store.findByOwner(network, kind, ownerRef);
  }

  /**
   * The accounts of these kinds on one strand whose holder's name contains {@code text} (any case)
   * or whose owner reference is {@code text}, by name, at most {@code limit}: how a counter finds a
   * person by name.
   */
  public List<Account> findByName(
      NetworkId network, StrandKind strand, Collection<OwnerKind> kinds, String text, int limit) {
    if (text.isBlank() || kinds.isEmpty()) {
      return List.of();
    }
    return store.findByName(network, strand, kinds, text.strip(), limit);
  }

  /** Every account of a network, in id order (for verification and reports). */
  public List<Account> list(NetworkId network) {
    return store.list(network);
  }

  public boolean setStatus(NetworkId network, AccountId id, AccountStatus status) {
    return store.setStatus(network, id, status);
  }

  /**
   * Changes a credit limit. Refused by the database (an exception) if the account already uses more
   * than the new limit: lower it once the balance allows.
   */
  public boolean setCreditLimit(NetworkId network, AccountId id, long creditLimit) {
    if (creditLimit < 0) {
      throw new IllegalArgumentException("a credit limit is >= 0");
    }
    return store.setCreditLimit(network, id, creditLimit);
  }

  /** Sum of posted balances per strand, straight from the balance columns. */
  public long postedSum(NetworkId network, StrandKind strand) {
    return store.postedSum(network, strand);
  }
}
