package coop.sol.ledger.transfer;

import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.db.ReadSource;
import coop.sol.ledger.db.ReadSource.Freshness;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Submits transfers to the writer of their network and reads the journal. Thread-safe; one instance
 * per process.
 */
public final class Transfers implements AutoCloseable {

  /**
   * First key of the network writer's two-int advisory lock (the second is the network id). A
   * transaction that takes it ({@code pg_advisory_xact_lock}) runs between two of the network's
   * batches, whichever instance writes them: what it changes in an account (its status) is what
   * every later batch decides with, and what it reads (balances) no batch changes meanwhile.
   */
  public static final int WRITER_LOCK_CLASS = JournalStore.WRITER_LOCK_CLASS;

  private final DataSource dataSource;
  private final TransferStore store;
  private final WriterSettings settings;
  private final Clock clock;
  private final WriteObserver observer;
  private final ConcurrentHashMap<NetworkId, NetworkWriter> writers = new ConcurrentHashMap<>();
  private volatile boolean closed;

  public Transfers(
      DataSource dataSource, WriterSettings settings, Clock clock, WriteObserver observer) {
    this(ReadSource.primaryOnly(dataSource), settings, clock, observer);
  }

  /**
   * @param reads the primary (the writers, and every read that must be current) and where reads
   *     that may lag run ({@link #history(NetworkId, AccountId, HistoryQuery, Freshness)})
   */
  public Transfers(ReadSource reads, WriterSettings settings, Clock clock, WriteObserver observer) {
    this.dataSource = reads.primary();
    this.store = new TransferStore(reads);
    this.settings = settings;
    this.clock = clock;
    this.observer = observer;
  }

  /**
   * Submits a linked list: all of it is posted, or none. The future completes once the outcome is
   * durable (posted and committed, or rejected); it never completes exceptionally for a business
   * reason.
   */
  public CompletableFuture<List<TransferOutcome>> submitLinked(
      NetworkId network, List<TransferCommand> linked) {
    if (closed) {
      return CompletableFuture.completedFuture(
          java.util.Collections.nCopies(
              linked.size(), new TransferOutcome.Rejected(RejectionReason.LEDGER_BUSY)));
    }
    return writers
        .computeIfAbsent(network, n -> new NetworkWriter(n, dataSource, settings, clock, observer))
        .submit(linked);
  }

  public CompletableFuture<TransferOutcome> submit(NetworkId network, TransferCommand command) {
    return submitLinked(network, List.of(command)).thenApply(outcomes -> outcomes.get(0));
  }

  /**
   * Submits and waits for the outcome, at most {@link WriterSettings#answerTimeout}: the one way
   * every door and operation waits for the ledger. Past it the outcome is {@code LEDGER_TIMEOUT}
   * (the transfer may still post; a retry with the same key tells).
   */
  public TransferOutcome execute(NetworkId network, TransferCommand command) {
    return executeLinked(network, List.of(command)).get(0);
  }

  /** Submits a linked list and waits for the outcomes, as {@link #execute} does. */
  public List<TransferOutcome> executeLinked(NetworkId network, List<TransferCommand> linked) {
    return await(submitLinked(network, linked), linked.size());
  }

  /**
   * Submits each command on its own (not linked: each posts or not by itself), all at once so that
   * they share the writer's commits, and waits for their outcomes as {@link #execute} does.
   */
  public List<TransferOutcome> executeEach(NetworkId network, List<TransferCommand> commands) {
    var futures =
        commands.stream().map(command -> submitLinked(network, List.of(command))).toList();
    return futures.stream().map(future -> await(future, 1).get(0)).toList();
  }

  /**
   * Waits for {@code future}, at most the answer timeout counted from now; a list of {@code size}
   * LEDGER_TIMEOUT outcomes if it does not complete in time.
   */
  private List<TransferOutcome> await(CompletableFuture<List<TransferOutcome>> future, int size) {
    try {
      return future.get(settings.answerTimeout().toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      return Collections.nCopies(
          size, new TransferOutcome.Rejected(RejectionReason.LEDGER_TIMEOUT));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Collections.nCopies(
          size, new TransferOutcome.Rejected(RejectionReason.LEDGER_TIMEOUT));
    } catch (ExecutionException e) {
      // the writer completes every future with an outcome; this is a bug, and nothing is known
      return Collections.nCopies(
          size, new TransferOutcome.Rejected(RejectionReason.LEDGER_UNAVAILABLE));
    }
  }

  public Optional<Transfer> find(NetworkId network, TransferId id) {
    return store.find(network, id);
  }

  /** The transfer with this id in any of {@code networks} (how callers scope a lookup by id). */
  public Optional<Transfer> findIn(Collection<NetworkId> networks, TransferId id) {
    if (networks.isEmpty()) {
      return Optional.empty();
    }
    return store.findIn(networks, id);
  }

  public Optional<Transfer> findByKey(NetworkId network, IdempotencyKey key) {
    return store.findByKey(network, key);
  }

  /**
   * One page of the journal rows that debit or credit {@code account}, newest first; a page costs
   * the same however long the history is.
   */
  public List<Transfer> history(NetworkId network, AccountId account, HistoryQuery q) {
    return history(network, account, q, Freshness.CURRENT);
  }

  /**
   * {@link #history(NetworkId, AccountId, HistoryQuery)} read where {@code freshness} says: with
   * {@link Freshness#MAY_LAG} possibly on a replica, missing at most the last moments' transfers
   * (history pages and exports; a payer's own last payment is read {@link Freshness#CURRENT}).
   */
  public List<Transfer> history(
      NetworkId network, AccountId account, HistoryQuery q, Freshness freshness) {
    return store.history(network, account, q, freshness);
  }

  /**
   * What {@code account} held (posted balance, minor units) just before {@code instant}: a
   * statement's opening balance.
   */
  public long postedBalanceBefore(NetworkId network, AccountId account, Instant instant) {
    return store.postedBalanceBefore(network, account, instant);
  }

  /**
   * The transfers of a network that match {@code q} (by number, reference, amount, period), newest
   * first: how a coordinator finds the transfer a correction names.
   */
  public List<Transfer> search(NetworkId network, TransferSearch q) {
    return store.search(network, q);
  }

  /** Streams a strand's journal in chain order (seq ascending), without loading it all. */
  public void forEachInJournal(NetworkId network, StrandKind strand, Consumer<Transfer> action) {
    store.forEachInJournal(network, strand, action);
  }

  /**
   * Expires the pending transfers of a network whose timeout has passed and that are still
   * unresolved. Idempotent: each expiry has the key "expire-{pending id}". Returns how many were
   * expired by this call.
   */
  public int expireDue(NetworkId network, int max) {
    List<TransferId> due = store.dueExpiries(network, clock.instant(), max);
    List<TransferCommand> expiries =
        due.stream()
            .map(
                id -> TransferCommand.expirePending(new IdempotencyKey("expire-" + id.value()), id))
            .toList();
    return (int)
        executeEach(network, expiries).stream()
            .filter(o -> o instanceof TransferOutcome.Posted p && !p.replayed())
            .count();
  }

  @Override
  public void close() {
    closed = true;
    writers.values().forEach(NetworkWriter::close);
    writers.clear();
  }
}
