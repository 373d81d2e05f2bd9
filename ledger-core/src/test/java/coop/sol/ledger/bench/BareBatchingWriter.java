package coop.sol.ledger.bench;

import static coop.sol.ledger.jooq.Tables.TRANSFER;

import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.transfer.JournalSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * The physical limit of the ledger's write path: the same design as {@code NetworkWriter} with no
 * rules. Client threads submit payments to a bounded queue; one writer thread per network drains up
 * to {@code maxBatch} of them (no linger, as the benchmark's real writer) and, in one transaction,
 * adds each account's net change to its balance columns (one UPDATE from arrays, ids sorted),
 * inserts the journal rows (one INSERT from arrays), commits, and only then completes the futures.
 *
 * <p>The SQL is that of {@code JournalStore.applyBalances} and {@code JournalStore.insert} (the
 * same text, {@link JournalSql}), prepared once on the same driver as there, into the same {@code
 * account} and {@code transfer} tables with all their constraints (keys, unique idempotency key and
 * chain place, foreign keys, checks, the append-only trigger): the comparison is about what the
 * real writer adds, not about the driver. Keep it in step with {@code JournalStore}.
 *
 * <p>What it leaves out, on purpose: no writer lock, no chain heads read or saved, no account read,
 * no balance, status or limit check, no idempotency lookup (only the table's unique constraint), no
 * SHA-256 (every row's hash is 32 zero bytes, which the {@code length(hash) = 32} check accepts;
 * the rows are therefore no valid chain), no observer. Transfer ids and chain places continue from
 * the network's journal as it stood when the writer started; it must be the network's only writer.
 * A batch the database refuses fails all of its payments (no isolation of the culprit).
 */
final class BareBatchingWriter implements AutoCloseable {

  /** 32 zero bytes: what a row's hash column holds here. */
  private static final byte[] ZERO_HASH = new byte[32];

  private final NetworkId network;
  private final StrandKind strand;
  private final int maxBatch;
  private final Clock clock;
  private final Connection connection;
  private final DSLContext sql;
  private final PreparedStatement balances;
  private final PreparedStatement insert;
  private final ArrayBlockingQueue<Payment> queue;
  private final Thread thread;
  private final LongAdder batches = new LongAdder();
  private final LongAdder rows = new LongAdder();
  private final LongAdder totalRows = new LongAdder();
  private volatile boolean running = true;

  // Owned by the writer thread.
  private long nextId;
  private long nextSeq;

  /** A payment waiting for its batch; amount in minor units, > 0. */
  private record Payment(
      long debit, long credit, long amount, String key, CompletableFuture<Boolean> result) {}

  /**
   * Starts the writer of {@code strand} in {@code network} on a connection of {@code dataSource},
   * which it holds until {@link #close()}.
   */
  BareBatchingWriter(
      DataSource dataSource,
      NetworkId network,
      StrandKind strand,
      int maxBatch,
      int queueCapacity,
      Clock clock)
      throws SQLException {
    this.network = network;
    this.strand = strand;
    this.maxBatch = maxBatch;
    this.clock = clock;
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    this.connection = dataSource.getConnection();
    this.sql = DSL.using(connection, SQLDialect.POSTGRES, new Settings().withExecuteLogging(false));
    // where the journal stands: read once, not per batch (this writer is the network's only one)
    Long lastId =
        sql.select(DSL.max(TRANSFER.TRANSFER_ID))
            .from(TRANSFER)
            .where(TRANSFER.NETWORK_ID.eq(network.value()))
            .fetchOne(0, Long.class);
    Long lastSeq =
        sql.select(DSL.max(TRANSFER.SEQ))
            .from(TRANSFER)
            .where(TRANSFER.NETWORK_ID.eq(network.value()))
            .and(TRANSFER.STRAND_ID.eq(strand.id()))
            .fetchOne(0, Long.class);
    this.nextId = (lastId == null ? 0 : lastId) + 1;
    this.nextSeq = (lastSeq == null ? 0 : lastSeq) + 1;
    connection.setAutoCommit(false);
    this.balances = connection.prepareStatement(JournalSql.BALANCES);
    this.insert = connection.prepareStatement(JournalSql.INSERT);
    this.thread = new Thread(this::run, "bare-writer-" + network);
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /**
   * Queues a payment of {@code amount} minor units; the future is true once it is committed, false
   * if the queue is full or the database refused its batch.
   */
  CompletableFuture<Boolean> submit(long debit, long credit, long amount, String key) {
    var payment = new Payment(debit, credit, amount, key, new CompletableFuture<>());
    if (!running || !queue.offer(payment)) {
      payment.result.complete(false);
    }
    return payment.result;
  }

  /** Batches committed and rows written since the last reset. */
  long batches() {
    return batches.sum();
  }

  long rows() {
    return rows.sum();
  }

  /** Rows committed since the writer started. */
  long totalRows() {
    return totalRows.sum();
  }

  void resetCounts() {
    batches.reset();
    rows.reset();
  }

  private void run() {
    var batch = new ArrayList<Payment>(maxBatch);
    while (running || !queue.isEmpty()) {
      try {
        Payment first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.clear();
        batch.add(first);
        queue.drainTo(batch, maxBatch - 1);
        write(batch);
        batch.forEach(p -> p.result.complete(true));
      } catch (InterruptedException e) {
        // close() interrupts to stop waiting; the loop ends once the queue is drained
      } catch (SQLException | RuntimeException e) {
        try {
          connection.rollback();
        } catch (SQLException ignored) {
          // the next batch finds out
        }
        System.err.printf("bare writer of network %s failed a batch: %s%n", network, e);
        batch.forEach(p -> p.result.complete(false));
      }
    }
  }

  private void write(List<Payment> batch) throws SQLException {
    OffsetDateTime createdAt =
        clock.instant().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    // net change per account, ids sorted (JournalStore.applyBalances' shape)
    var changes = new TreeMap<Long, long[]>();
    for (Payment p : batch) {
      changes.computeIfAbsent(p.debit, id -> new long[2])[0] += p.amount;
      changes.computeIfAbsent(p.credit, id -> new long[2])[1] += p.amount;
    }
    long firstId = nextId;
    long firstSeq = nextSeq;
    applyBalances(changes);
    insert(batch, firstId, firstSeq, createdAt);
    connection.commit();
    nextId = firstId + batch.size();
    nextSeq = firstSeq + batch.size();
    batches.increment();
    rows.add(batch.size());
    totalRows.add(batch.size());
  }

  /** {@code JournalStore.applyBalances}: one UPDATE of the four balance columns from arrays. */
  private void applyBalances(TreeMap<Long, long[]> changes) throws SQLException {
    int n = changes.size();
    var ids = new long[n];
    var dp = new long[n];
    var cp = new long[n];
    int i = 0;
    for (var e : changes.entrySet()) {
      ids[i] = e.getKey();
      dp[i] = e.getValue()[0];
      cp[i] = e.getValue()[1];
      i++;
    }
    balances.setObject(1, ids);
    balances.setObject(2, dp);
    balances.setObject(3, cp);
    balances.setObject(4, new long[n]);
    balances.setObject(5, new long[n]);
    balances.setLong(6, network.value());
    int updated = balances.executeUpdate();
    if (updated != n) {
      throw new IllegalStateException("updated " + updated + " balances, expected " + n);
    }
  }

  /** {@code JournalStore.insert}: one INSERT of every row of the batch from arrays. */
  private void insert(List<Payment> batch, long firstId, long firstSeq, OffsetDateTime createdAt)
      throws SQLException {
    int n = batch.size();
    var ids = new long[n];
    var strands = new short[n];
    var seqs = new long[n];
    var kinds = new String[n];
    var debits = new long[n];
    var credits = new long[n];
    var amounts = new long[n];
    var codes = new String[n];
    var keys = new String[n];
    var references = new String[n];
    var memos = new String[n];
    var hashes = new byte[n][];
    for (int i = 0; i < n; i++) {
      Payment p = batch.get(i);
      ids[i] = firstId + i;
      strands[i] = strand.id();
      seqs[i] = firstSeq + i;
      kinds[i] = "POSTED";
      debits[i] = p.debit;
      credits[i] = p.credit;
      amounts[i] = p.amount;
      codes[i] = "PAYMENT";
      keys[i] = p.key;
      references[i] = "";
      memos[i] = "";
      hashes[i] = ZERO_HASH;
    }
    JournalSql.bindInsert(
        insert,
        network.value(),
        createdAt,
        ids,
        strands,
        seqs,
        kinds,
        debits,
        credits,
        amounts,
        codes,
        keys,
        new Long[n],
        new Long[n],
        new String[n],
        references,
        memos,
        hashes);
    insert.executeUpdate();
  }

  @Override
  public void close() throws SQLException {
    running = false;
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Payment left;
    while ((left = queue.poll()) != null) {
      left.result.complete(false);
    }
    connection.rollback();
    connection.setAutoCommit(true);
    connection.close();
  }
}
