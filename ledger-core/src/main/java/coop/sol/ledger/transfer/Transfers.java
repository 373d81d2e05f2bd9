package coop.sol.ledger.transfer;

import static coop.sol.ledger.jooq.Tables.TRANSFER;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.notExists;
import static org.jooq.impl.DSL.selectOne;

import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jooq.Condition;
import org.jooq.DSLContext;

/**
 * Submits transfers to the writer of their network and reads the journal. Thread-safe; one instance
 * per process.
 */
public final class Transfers implements AutoCloseable {

  private final DataSource dataSource;
  private final DSLContext sql;
  private final WriterSettings settings;
  private final Clock clock;
  private final WriteObserver observer;
  private final ConcurrentHashMap<NetworkId, NetworkWriter> writers = new ConcurrentHashMap<>();
  private volatile boolean closed;

  public Transfers(
      DataSource dataSource,
      DSLContext sql,
      WriterSettings settings,
      Clock clock,
      WriteObserver observer) {
    this.dataSource = dataSource;
    this.sql = sql;
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

  /** Submits and waits for the outcome. */
  public TransferOutcome execute(NetworkId network, TransferCommand command) {
    return submit(network, command).join();
  }

  /** Submits a linked list and waits for the outcomes. */
  public List<TransferOutcome> executeLinked(NetworkId network, List<TransferCommand> linked) {
    return submitLinked(network, linked).join();
  }

  public Optional<Transfer> find(NetworkId network, TransferId id) {
    return sql.selectFrom(TRANSFER)
        .where(TRANSFER.NETWORK_ID.eq(network.value()))
        .and(TRANSFER.TRANSFER_ID.eq(id.value()))
        .fetchOptional(TransferRows::toTransfer);
  }

  /** The transfer with this id in any of {@code networks} (how callers scope a lookup by id). */
  public Optional<Transfer> findIn(Collection<NetworkId> networks, TransferId id) {
    if (networks.isEmpty()) {
      return Optional.empty();
    }
    return sql.selectFrom(TRANSFER)
        .where(TRANSFER.NETWORK_ID.in(networks.stream().map(NetworkId::value).toList()))
        .and(TRANSFER.TRANSFER_ID.eq(id.value()))
        .fetchOptional(TransferRows::toTransfer);
  }

  public Optional<Transfer> findByKey(NetworkId network, IdempotencyKey key) {
    return sql.selectFrom(TRANSFER)
        .where(TRANSFER.NETWORK_ID.eq(network.value()))
        .and(TRANSFER.IDEMPOTENCY_KEY.eq(key.value()))
        .fetchOptional(TransferRows::toTransfer);
  }

  /**
   * One page of the journal rows that debit or credit {@code account}, newest first. Each side is
   * read through its own (account, id) index and the two are merged, so a page costs the same
   * however long the history is.
   */
  public List<Transfer> history(NetworkId network, AccountId account, HistoryQuery q) {
    Condition filter = TRANSFER.NETWORK_ID.eq(network.value());
    if (q.before() != null) {
      filter = filter.and(TRANSFER.TRANSFER_ID.lt(q.before().value()));
    }
    if (q.from() != null) {
      filter = filter.and(TRANSFER.CREATED_AT.ge(q.from().atOffset(ZoneOffset.UTC)));
    }
    if (q.to() != null) {
      filter = filter.and(TRANSFER.CREATED_AT.lt(q.to().atOffset(ZoneOffset.UTC)));
    }
    filter =
        filter.and(
            q.codes().isEmpty()
                ? noCondition()
                : TRANSFER.CODE.in(q.codes().stream().map(Enum::name).toList()));
    var debits =
        sql.selectFrom(TRANSFER)
            .where(filter.and(TRANSFER.DEBIT_ACCOUNT_ID.eq(account.value())))
            .orderBy(TRANSFER.TRANSFER_ID.desc())
            .limit(q.limit());
    var credits =
        sql.selectFrom(TRANSFER)
            .where(filter.and(TRANSFER.CREDIT_ACCOUNT_ID.eq(account.value())))
            .orderBy(TRANSFER.TRANSFER_ID.desc())
            .limit(q.limit());
    var both = debits.unionAll(credits).asTable("h");
    return sql.selectFrom(both)
        .orderBy(both.field(TRANSFER.TRANSFER_ID).desc())
        .limit(q.limit())
        .fetch(r -> TransferRows.toTransfer(r.into(TRANSFER)));
  }

  /** Streams a strand's journal in chain order (seq ascending), without loading it all. */
  public void forEachInJournal(NetworkId network, StrandKind strand, Consumer<Transfer> action) {
    sql.transaction(
        tx -> {
          try (var cursor =
              tx.dsl()
                  .selectFrom(TRANSFER)
                  .where(TRANSFER.NETWORK_ID.eq(network.value()))
                  .and(TRANSFER.STRAND_ID.eq(strand.id()))
                  .orderBy(TRANSFER.SEQ)
                  .fetchSize(5_000)
                  .fetchLazy()) {
            cursor.forEach(r -> action.accept(TransferRows.toTransfer(r)));
          }
        });
  }

  /**
   * Expires the pending transfers of a network whose timeout has passed and that are still
   * unresolved. Idempotent: each expiry has the key "expire-{pending id}". Returns how many were
   * expired by this call.
   */
  public int expireDue(NetworkId network, int max) {
    var resolution = TRANSFER.as("r");
    List<Long> due =
        sql.select(TRANSFER.TRANSFER_ID)
            .from(TRANSFER)
            .where(TRANSFER.NETWORK_ID.eq(network.value()))
            .and(TRANSFER.KIND.eq(TransferKind.PENDING.name()))
            .and(TRANSFER.EXPIRES_AT.le(clock.instant().atOffset(ZoneOffset.UTC)))
            .and(
                notExists(
                    selectOne()
                        .from(resolution)
                        .where(resolution.NETWORK_ID.eq(TRANSFER.NETWORK_ID))
                        .and(resolution.PENDING_ID.eq(TRANSFER.TRANSFER_ID))))
            .orderBy(TRANSFER.EXPIRES_AT)
            .limit(max)
            .fetch(TRANSFER.TRANSFER_ID);
    var futures =
        due.stream()
            .map(
                id ->
                    submit(
                        network,
                        TransferCommand.expirePending(
                            new IdempotencyKey("expire-" + id), new TransferId(id))))
            .toList();
    return (int)
        futures.stream()
            .map(CompletableFuture::join)
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
