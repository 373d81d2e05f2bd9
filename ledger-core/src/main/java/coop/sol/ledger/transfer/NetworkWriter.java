package coop.sol.ledger.transfer;

import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.db.SqlFailures;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.transfer.TransferOutcome.Posted;
import coop.sol.ledger.transfer.TransferOutcome.Rejected;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's writer of one network's journal and balances. Several processes may each run one
 * for the same network: every batch's transaction first takes the network's PostgreSQL advisory
 * lock (transaction-level, released by its commit or rollback, or when its process dies) and then
 * reads the chain heads and balances afresh, so batches from all processes are decided and written
 * one after the other, each against what the previous one committed. Callers submit linked lists of
 * transfers to a bounded queue; the writer thread drains what is queued, decides it in order
 * against exact balances, writes everything accepted in one transaction, and completes each
 * caller's future only after the commit. Many transfers thus share one durable commit, and a hot
 * account receiving a thousand payments in a batch gets one UPDATE.
 */
final class NetworkWriter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(NetworkWriter.class);
  private static final int ATTEMPTS = 3;
  private static final int ID_BLOCK = 1_000;

  private final NetworkId network;
  private final DataSource dataSource;
  private final WriterSettings settings;
  private final Clock clock;
  private final WriteObserver observer;
  private final ArrayBlockingQueue<Submission> queue;
  private final Thread thread;
  private volatile boolean running = true;

  // Owned by the writer thread.
  private Connection connection;
  private JournalStore store;
  private long nextId;
  private long idBlockEnd;
  private long lastWork = System.nanoTime();

  NetworkWriter(
      NetworkId network,
      DataSource dataSource,
      WriterSettings settings,
      Clock clock,
      WriteObserver observer) {
    this.network = network;
    this.dataSource = dataSource;
    this.settings = settings;
    this.clock = clock;
    this.observer = observer;
    this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
    this.thread = new Thread(this::run, "ledger-writer-" + network);
    this.thread.setDaemon(true);
    this.thread.start();
  }

  CompletableFuture<List<TransferOutcome>> submit(List<TransferCommand> linked) {
    var submission =
        new Submission(List.copyOf(linked), new CompletableFuture<>(), System.nanoTime());
    if (linked.isEmpty()) {
      submission.result.complete(List.of());
    } else if (!running || !queue.offer(submission)) {
      submission.fail(RejectionReason.LEDGER_BUSY);
    }
    return submission.result;
  }

  private void run() {
    var batch = new ArrayList<Submission>();
    while (running || !queue.isEmpty()) {
      try {
        Submission first =
            queue.poll(
                Math.min(200, Math.max(1, settings.idleRelease().toMillis())),
                TimeUnit.MILLISECONDS);
        if (first == null) {
          releaseIfIdle();
          continue;
        }
        batch.clear();
        batch.add(first);
        collect(batch, first.commands.size());
        process(batch);
        lastWork = System.nanoTime();
      } catch (InterruptedException e) {
        // close() interrupts to stop waiting; the loop ends once the queue is drained
      } catch (RuntimeException | Error e) {
        log.error("ledger writer of network {} failed a batch", network, e);
        batch.forEach(s -> s.fail(RejectionReason.LEDGER_UNAVAILABLE));
        disconnect();
      }
    }
    disconnect();
  }

  private void collect(List<Submission> batch, int count) throws InterruptedException {
    long deadline = System.nanoTime() + settings.linger().toNanos();
    while (count < settings.maxBatch()) {
      Submission next = queue.poll();
      if (next == null) {
        long wait = deadline - System.nanoTime();
        if (wait <= 0 || (next = queue.poll(wait, TimeUnit.NANOSECONDS)) == null) {
          return;
        }
      }
      batch.add(next);
      count += next.commands.size();
    }
  }

  private void process(List<Submission> batch) {
    List<Submission> open = new ArrayList<>(batch);
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        connectIfNeeded();
        writeIsolating(open);
        return;
      } catch (SQLException e) {
        log.warn(
            "ledger writer of network {}: attempt {} of {} failed: {}",
            network,
            attempt,
            ATTEMPTS,
            SqlFailures.describe(e));
        // The commit may or may not have happened; reconnecting reloads the chain heads, and a
        // retry finds any transfer already stored by its key and answers it as posted. What an
        // earlier part of the batch already answered is not asked again.
        disconnect();
        open.removeIf(s -> s.result.isDone());
        sleepQuietly(50L * attempt * attempt);
      }
    }
    open.forEach(s -> s.fail(RejectionReason.LEDGER_UNAVAILABLE));
  }

  /**
   * Writes the batch; if the database refuses it for what one of its submissions holds (a value or
   * a constraint it does not accept: the same statement would fail again), writes each half on its
   * own, down to the submission at fault, which alone is refused (REFUSED_BY_DATABASE, logged)
   * while every other one is decided as if it had not been there. A failure that a retry may cure
   * (the connection, a timeout) is thrown, for {@link #process} to retry.
   */
  private void writeIsolating(List<Submission> batch) throws SQLException {
    try {
      write(batch);
    } catch (SQLException e) {
      if (!SqlFailures.isDeterministic(e) || JournalStore.isChainConflict(e)) {
        throw e;
      }
      connection.rollback();
      if (batch.size() == 1) {
        Submission refused = batch.get(0);
        log.error(
            "ledger writer of network {}: the database refused submission {} ({}); it alone is"
                + " refused",
            network,
            refused.commands.stream().map(c -> c.key().value()).toList(),
            SqlFailures.describe(e));
        refused.fail(RejectionReason.REFUSED_BY_DATABASE);
        return;
      }
      int half = batch.size() / 2;
      writeIsolating(batch.subList(0, half));
      writeIsolating(batch.subList(half, batch.size()));
    }
  }

  private void write(List<Submission> batch) throws SQLException {
    long started = System.nanoTime();
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    var state = new BatchState();
    Set<String> checkedKeys = new HashSet<>();
    while (true) {
      // this transaction becomes the network's writer (another instance's batch may be running:
      // it waits for its commit), then reads where the journal stands now
      JournalStore.Start start = store.lockAndStart();
      Map<StrandKind, ChainHead> heads = start.heads();
      if (start.lastTransferId() >= nextId) {
        nextId = idBlockEnd; // another instance wrote since: ids stay increasing in the journal
      }
      load(batch, state, now);
      state.memberPaymentsAllowed = start.membersMayPay();
      var decider = new BatchDecider(network, now, state, heads, this::nextTransferId);
      var outcomes = new ArrayList<List<TransferOutcome>>(batch.size());
      try {
        for (Submission s : batch) {
          outcomes.add(decider.decide(s.commands));
        }
      } catch (IdBlockFailed e) {
        throw e.getCause();
      }
      // Keys are not looked up before deciding (the unique index catches retries of posted
      // transfers at insert). A rejection, though, might hide a retry of a transfer that did
      // post: check the keys of rejected lists before answering.
      Set<String> suspects = keysOfRejectedLists(batch, outcomes, state, checkedKeys);
      if (!suspects.isEmpty()) {
        checkedKeys.addAll(suspects);
        List<Transfer> found = store.findByKeys(suspects);
        if (!found.isEmpty()) {
          found.forEach(t -> state.storedByKey.put(t.key().value(), t));
          continue;
        }
      }
      List<Transfer> accepted = decider.accepted();
      if (!accepted.isEmpty()) {
        // Balances first: the journal's foreign-key checks then find the account rows already
        // locked by this transaction, which costs them no new row lock.
        store.applyBalances(
            state.accounts.values().stream().filter(AccountState::changed).toList());
        boolean inserted = store.insert(accepted);
        if (!inserted) {
          // Some keys were posted before (retries the writer did not know of): find them and
          // decide the batch again, answering those as replays.
          connection.rollback();
          var keys = new HashSet<String>();
          accepted.forEach(t -> keys.add(t.key().value()));
          checkedKeys.addAll(keys);
          store.findByKeys(keys).forEach(t -> state.storedByKey.put(t.key().value(), t));
          continue;
        }
        var changedHeads = new java.util.EnumMap<StrandKind, ChainHead>(StrandKind.class);
        accepted.forEach(t -> changedHeads.put(t.strand(), decider.heads().get(t.strand())));
        store.saveHeads(changedHeads);
      }
      connection.commit();
      long elapsed = System.nanoTime() - started;
      observer.batchCommitted(network, accepted.size(), elapsed);
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).complete(outcomes.get(i), observer);
      }
      return;
    }
  }

  /** Loads, afresh, everything the batch needs but the stored-by-key transfers already known. */
  private void load(List<Submission> batch, BatchState state, Instant now) throws SQLException {
    state.accounts.clear();
    state.pendings.clear();
    state.reversed.clear();
    var accountIds = new HashSet<Long>();
    var pendingIds = new HashSet<Long>();
    var reversedIds = new HashSet<Long>();
    for (Submission s : batch) {
      for (TransferCommand c : s.commands) {
        if (c.kind().resolvesPending()) {
          pendingIds.add(c.pendingId().value());
        } else {
          accountIds.add(c.debit().value());
          accountIds.add(c.credit().value());
          if (c.reverses() != null) {
            reversedIds.add(c.reverses().value());
          }
        }
      }
    }
    accountIds.addAll(store.loadPendings(pendingIds, state));
    store.loadReversed(reversedIds, state);
    store.loadAccounts(accountIds, state);
    loadCategoriesOfMerchantsPaidByLots(batch, state, now);
  }

  /**
   * The categories of the merchants that a lot of earmarked vouchers pays in this batch: the lot's
   * rule needs them, and nothing else does (a batch without lots makes no query for them).
   */
  private void loadCategoriesOfMerchantsPaidByLots(
      List<Submission> batch, BatchState state, Instant now) throws SQLException {
    var merchants = new HashSet<String>();
    for (Submission s : batch) {
      for (TransferCommand c : s.commands) {
        AccountState debit;
        AccountState credit;
        if (c.kind().resolvesPending()) {
          BatchState.PendingState p = state.pendings.get(c.pendingId().value());
          if (p == null) {
            continue;
          }
          debit = state.accounts.get(p.pending.debit().value());
          credit = state.accounts.get(p.pending.credit().value());
        } else {
          debit = state.accounts.get(c.debit().value());
          credit = state.accounts.get(c.credit().value());
        }
        if (debit != null
            && debit.lot != null
            && credit != null
            && credit.ownerKind == OwnerKind.MERCHANT) {
          merchants.add(credit.ownerRef);
        }
      }
    }
    if (merchants.isEmpty()) {
      return;
    }
    Map<String, Set<String>> categories = store.merchantCategories(merchants, now);
    for (AccountState account : state.accounts.values()) {
      if (account.ownerKind == OwnerKind.MERCHANT && merchants.contains(account.ownerRef)) {
        account.categories = categories.getOrDefault(account.ownerRef, Set.of());
      }
    }
  }

  private static Set<String> keysOfRejectedLists(
      List<Submission> batch,
      List<List<TransferOutcome>> outcomes,
      BatchState state,
      Set<String> checked) {
    var keys = new HashSet<String>();
    for (int i = 0; i < batch.size(); i++) {
      List<TransferOutcome> list = outcomes.get(i);
      if (list.stream()
          .anyMatch(
              o ->
                  o instanceof Rejected r
                      && r.reason() != RejectionReason.DUPLICATE_KEY_IN_REQUEST)) {
        List<TransferCommand> commands = batch.get(i).commands;
        for (int j = 0; j < commands.size(); j++) {
          String key = commands.get(j).key().value();
          if (!(list.get(j) instanceof Posted)
              && !checked.contains(key)
              && !state.storedByKey.containsKey(key)) {
            keys.add(key);
          }
        }
      }
    }
    return keys;
  }

  /**
   * For the decider, which takes ids as a {@code LongSupplier}: fails with {@link IdBlockFailed}.
   */
  private long nextTransferId() {
    if (nextId == idBlockEnd) {
      try {
        nextId = store.nextIdBlock();
      } catch (SQLException e) {
        throw new IdBlockFailed(e);
      }
      idBlockEnd = nextId + ID_BLOCK;
    }
    return nextId++;
  }

  /** A block of ids could not be reserved; {@link #write} rethrows the cause. */
  private static final class IdBlockFailed extends RuntimeException {
    IdBlockFailed(SQLException cause) {
      super(cause);
    }

    @Override
    public synchronized SQLException getCause() {
      return (SQLException) super.getCause();
    }
  }

  private void connectIfNeeded() throws SQLException {
    if (connection != null) {
      return;
    }
    Connection c = dataSource.getConnection();
    try {
      c.setAutoCommit(true);
      try (var st = c.createStatement()) {
        st.execute("SET statement_timeout = '30s'");
      }
      var newStore = JournalStore.on(c, network);
      c.setAutoCommit(false);
      store = newStore;
      connection = c;
      nextId = idBlockEnd = 0;
    } catch (SQLException | RuntimeException e) {
      closeQuietly(c);
      throw e;
    }
  }

  private void releaseIfIdle() {
    if (connection != null && System.nanoTime() - lastWork > settings.idleRelease().toNanos()) {
      disconnect();
    }
  }

  private void disconnect() {
    if (connection != null) {
      closeQuietly(connection);
      connection = null;
      store = null;
    }
  }

  /**
   * Gives the connection back clean: the writer changed its session (statement timeout), and a
   * pooled connection must not carry that to its next user.
   */
  private static void closeQuietly(Connection c) {
    try {
      if (!c.isClosed()) {
        if (!c.getAutoCommit()) {
          c.rollback();
          c.setAutoCommit(true);
        }
        try (var st = c.createStatement()) {
          st.execute("DISCARD ALL"); // resets settings
        }
      }
    } catch (SQLException ignored) {
      // a broken connection holds no lock any more; the pool discards it
    }
    try {
      c.close();
    } catch (SQLException ignored) {
      // nothing more to do
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Submission left;
    while ((left = queue.poll()) != null) {
      left.fail(RejectionReason.LEDGER_BUSY);
    }
  }

  private record Submission(
      List<TransferCommand> commands,
      CompletableFuture<List<TransferOutcome>> result,
      long submittedNanos) {
    void fail(RejectionReason reason) {
      result.complete(Collections.nCopies(commands.size(), new Rejected(reason)));
    }

    void complete(List<TransferOutcome> outcomes, WriteObserver observer) {
      observer.submissionDecided(outcomes, System.nanoTime() - submittedNanos);
      result.complete(outcomes);
    }
  }
}
