package coop.sol.ledger.signing;

import static coop.sol.ledger.jooq.Tables.NETWORK_SIGNING_KEY;

import coop.sol.keys.KeyId;
import coop.sol.keys.NetworkKey;
import coop.sol.ledger.auditlog.AuditEntry;
import coop.sol.ledger.auditlog.AuditLogStore;
import coop.sol.ledger.jooq.tables.records.NetworkSigningKeyRecord;
import coop.sol.ledger.network.NetworkId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The {@code network_signing_key} table: the one table of a network's keys, which sign its payment
 * codes, checkpoints and reports. At most one active key per network (a partial unique index), so
 * two instances making a network's first key at once cannot both succeed. (The audit package reads
 * the public halves too, within its export's snapshot; only this store writes.)
 */
public final class SigningKeyStore {
  private static final String ALGORITHM = "Ed25519";

  private final DSLContext sql;

  public SigningKeyStore(DataSource dataSource) {
    this.sql = DSL.using(dataSource, SQLDialect.POSTGRES);
  }

  public Optional<StoredSigningKey> active(NetworkId network) {
    return sql.selectFrom(NETWORK_SIGNING_KEY)
        .where(NETWORK_SIGNING_KEY.NETWORK_ID.eq(network.value()))
        .and(NETWORK_SIGNING_KEY.RETIRED_AT.isNull())
        .fetchOptional(SigningKeyStore::stored);
  }

  /** The network's keys, newest first, the active one included. */
  public List<StoredSigningKey> all(NetworkId network) {
    return sql.selectFrom(NETWORK_SIGNING_KEY)
        .where(NETWORK_SIGNING_KEY.NETWORK_ID.eq(network.value()))
        .orderBy(NETWORK_SIGNING_KEY.CREATED_AT.desc(), NETWORK_SIGNING_KEY.KEY_ID)
        .fetch(SigningKeyStore::stored);
  }

  /**
   * Stores the network's first active key and its audit entry, unless the network has an active key
   * already (another instance made one meanwhile: keep theirs).
   *
   * @return whether this key was stored
   */
  public boolean insertFirst(StoredSigningKey key, AuditEntry audit) {
    return sql.transactionResult(
        tx -> {
          boolean inserted = insert(tx.dsl(), key);
          if (inserted) {
            AuditLogStore.insert(tx.dsl(), audit);
          }
          return inserted;
        });
  }

  /**
   * Retires the network's active key (if any) and stores {@code fresh} as the active one, with the
   * audit entry (made knowing the retired key's id, or null) in the same transaction.
   */
  public void rotate(StoredSigningKey fresh, Function<KeyId, AuditEntry> audit) {
    sql.transaction(
        tx -> {
          KeyId retired =
              tx.dsl()
                  .update(NETWORK_SIGNING_KEY)
                  .set(NETWORK_SIGNING_KEY.RETIRED_AT, utc(fresh.createdAt()))
                  .where(NETWORK_SIGNING_KEY.NETWORK_ID.eq(fresh.network().value()))
                  .and(NETWORK_SIGNING_KEY.RETIRED_AT.isNull())
                  .returning(NETWORK_SIGNING_KEY.KEY_ID)
                  .fetchOptional(NETWORK_SIGNING_KEY.KEY_ID)
                  .map(KeyId::fromHex)
                  .orElse(null);
          if (!insert(tx.dsl(), fresh)) {
            throw new IllegalStateException("an active key appeared during the rotation");
          }
          AuditLogStore.insert(tx.dsl(), audit.apply(retired));
        });
  }

  private static boolean insert(DSLContext tx, StoredSigningKey key) {
    return tx.insertInto(NETWORK_SIGNING_KEY)
            .set(NETWORK_SIGNING_KEY.NETWORK_ID, key.network().value())
            .set(NETWORK_SIGNING_KEY.KEY_ID, key.keyId().toString())
            .set(NETWORK_SIGNING_KEY.ALGORITHM, ALGORITHM)
            .set(NETWORK_SIGNING_KEY.PUBLIC_KEY, key.key().publicKey())
            .set(NETWORK_SIGNING_KEY.ENCRYPTED_PRIVATE_KEY, key.encryptedPrivateKey())
            .set(NETWORK_SIGNING_KEY.CREATED_AT, utc(key.createdAt()))
            .onConflictDoNothing()
            .execute()
        == 1;
  }

  private static StoredSigningKey stored(NetworkSigningKeyRecord row) {
    return new StoredSigningKey(
        new NetworkId(row.getNetworkId()),
        new NetworkKey(KeyId.fromHex(row.getKeyId()), row.getPublicKey()),
        row.getEncryptedPrivateKey(),
        row.getCreatedAt().toInstant(),
        row.getRetiredAt() == null ? null : row.getRetiredAt().toInstant());
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
