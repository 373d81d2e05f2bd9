package coop.sol.ledger.audit;

import static coop.sol.ledger.transfer.TransferCode.ISSUANCE;
import static coop.sol.ledger.transfer.TransferCode.PAYMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.sol.keys.EncryptedSigningKey;
import coop.sol.keys.ScryptCost;
import coop.sol.keys.SigningKey;
import coop.sol.keys.TrustedKeys;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.db.Migrations;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.report.Journals;
import coop.sol.ledger.report.SettableClock;
import coop.sol.ledger.signing.SigningKeyStore;
import coop.sol.ledger.signing.StoredSigningKey;
import coop.sol.ledger.testing.LedgerFixture;
import coop.sol.ledger.testing.TestDatabase;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.WriterSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migration V9 on a database of the schema before it: the keys of {@code network_key} join {@code
 * network_signing_key}, which is dropped; the checkpoints signed before it, named by their key's
 * 16-digit legacy id, stay as they were signed and verify (online, with inclusion proofs, and in an
 * export verified offline); the line of checkpoints continues with the 8-digit key id.
 */
class KeysMigrationIT {
  private static final HexFormat HEX = HexFormat.of();

  /** The key the web application made: in network_signing_key and registered in network_key. */
  static final SigningKey WEB_KEY = SignerIdsTest.RFC_8032;

  /** A key registered with the ledger alone (network_key), its private half stored nowhere. */
  static final SigningKey LEDGER_ONLY_KEY = SigningKey.of(filled(3));

  @Test
  void keys_and_checkpoints_from_before_v9_survive_it_and_the_line_continues_with_the_key_id(
      @TempDir Path dir) throws Exception {
    var clock = new SettableClock(Instant.parse("2026-03-01T00:00:00Z"));
    var before9 = TestDatabase.newDatabaseBefore("9");
    // the ledger code that writes this schema's data reads a network's profile (V50) and, in
    // each batch, its member-payment setting (V86): give the old schema those columns, as V50
    // defines them (it adds them only if missing), and that table, empty, until the migration
    TestDatabase.execute(
        before9,
        "ALTER TABLE network"
            + " ADD COLUMN currency_name text CHECK (length(currency_name) BETWEEN 1 AND 100),"
            + " ADD COLUMN time_zone text NOT NULL DEFAULT 'Europe/Paris'"
            + " CHECK (length(time_zone) BETWEEN 1 AND 64),"
            + " ADD COLUMN default_language text NOT NULL DEFAULT 'fr'"
            + " CHECK (default_language IN ('fr', 'en'))");
    TestDatabase.execute(
        before9,
        "CREATE TABLE member_payment_setting (network_id bigint NOT NULL PRIMARY KEY"
            + " REFERENCES network (network_id), allowed boolean NOT NULL, changed_by text NOT NULL,"
            + " changed_at timestamptz NOT NULL)");
    try (var fx = LedgerFixture.on(before9, WriterSettings.DEFAULTS, clock)) {
      NetworkId network = fx.network.id();
      var j = new Journals(fx, clock);
      var coop = StrandKind.COOPERATION;
      Account issuance = j.open(OwnerKind.SYSTEM, coop, "issuance");
      Account alice = j.open(OwnerKind.MEMBER, coop, "alice");
      Account shop = j.open(OwnerKind.MERCHANT, coop, "shop");
      Map<Long, OwnerKind> kinds = new HashMap<>();
      for (Account a : List.of(issuance, alice, shop)) {
        kinds.put(a.id().value(), a.ownerKind());
      }
      j.at("2026-03-02T10:00").post(ISSUANCE, issuance, alice, 100_00);
      Transfer paid = j.post(PAYMENT, alice, shop, 30_00);
      j.post(PAYMENT, alice, shop, 5_00);

      // before V9, as the web application (both tables) and a ledger used alone (one) left them
      DataSource ds = fx.dataSource;
      String encrypted =
          EncryptedSigningKey.encrypt(
                  WEB_KEY, "passphrase".toCharArray(), new ScryptCost(10, 1, 1), new SecureRandom())
              .toText();
      sql(
          ds,
          "INSERT INTO network_signing_key (network_id, key_id, public_key, encrypted_private_key,"
              + " created_at) VALUES (?, ?, ?, ?, '2026-03-01T00:00:00Z')",
          network.value(),
          "21fe31df",
          WEB_KEY.networkKey().publicKey(),
          encrypted);
      for (SigningKey k : List.of(LEDGER_ONLY_KEY, WEB_KEY)) {
        sql(
            ds,
            "INSERT INTO network_key (network_id, key_id, public_key) VALUES (?, ?, ?)",
            network.value(),
            legacyId(k),
            k.networkKey().publicKey());
      }
      Checkpoint first = legacyCheckpoint(ds, network, null, 2, LEDGER_ONLY_KEY, fx, kinds);
      Checkpoint second = legacyCheckpoint(ds, network, first, 3, WEB_KEY, fx, kinds);
      assertThat(second.keyId()).isEqualTo("21fe31dfa154a261");

      sql(ds, "DROP TABLE member_payment_setting"); // V86 creates it
      Migrations.apply(ds);

      // one table of keys: the ledger-only key kept by its public half, retired
      assertThat(count(ds, "SELECT count(*) FROM pg_class WHERE relname = 'network_key'")).isZero();
      List<StoredSigningKey> stored = new SigningKeyStore(ds).all(network);
      assertThat(stored)
          .extracting(StoredSigningKey::key)
          .containsExactlyInAnyOrder(WEB_KEY.networkKey(), LEDGER_ONLY_KEY.networkKey());
      StoredSigningKey web = find(stored, WEB_KEY);
      assertThat(web.active()).isTrue();
      assertThat(web.encryptedPrivateKey()).isEqualTo(encrypted);
      StoredSigningKey ledgerOnly = find(stored, LEDGER_ONLY_KEY);
      assertThat(ledgerOnly.active()).isFalse();
      assertThat(ledgerOnly.encryptedPrivateKey()).isNull();

      // the old checkpoints are as they were signed, and verify with the network's keys
      var checkpoints = new Checkpoints(ds, clock);
      assertThat(checkpoints.list(network, coop)).containsExactly(first, second);
      TrustedKeys keys = checkpoints.keys(network);
      assertThat(first.namedKey(keys)).contains(LEDGER_ONLY_KEY.networkKey());
      assertThat(second.namedKey(keys)).contains(WEB_KEY.networkKey());
      assertThat(first.signedBy(LEDGER_ONLY_KEY.networkKey())).isTrue();
      assertThat(second.signedBy(WEB_KEY.networkKey())).isTrue();
      InclusionProof proof = new InclusionProofs(ds).prove(network, paid.id()).orElseThrow();
      assertThat(proof.checkpointId()).isEqualTo(first.id());
      assertThat(InclusionProof.verify(proof, first, LEDGER_ONLY_KEY.networkKey())).isEmpty();
      assertThat(InclusionProof.verify(proof, first, WEB_KEY.networkKey()))
          .hasValueSatisfying(reason -> assertThat(reason).contains("not by 21fe31df"));

      // the line continues where it ended, named by the key id payment codes carry
      j.at("2026-03-03T10:00").post(PAYMENT, shop, alice, 2_00);
      List<Checkpoint> taken = checkpoints.takeAll(network, WEB_KEY);
      assertThat(taken).hasSize(1);
      Checkpoint next = taken.get(0);
      assertThat(next.keyId()).isEqualTo("21fe31df");
      assertThat(next.previousSeq()).isEqualTo(3);
      assertThat(next.previousHash()).isEqualTo(second.headHash());
      assertThat(next.signedBy(WEB_KEY.networkKey())).isTrue();
      assertThatThrownBy(() -> checkpoints.takeAll(network, SigningKey.of(filled(9))))
          .hasMessageContaining("is not a key of network");

      // an export holds both kinds of ids and verifies offline with the published keys
      Path export = dir.resolve("export.zip");
      try (var out = Files.newOutputStream(export)) {
        new JournalExport(ds, clock).write(network, Map.of(), out);
      }
      var both = Set.of(WEB_KEY.networkKey(), LEDGER_ONLY_KEY.networkKey());
      assertThat(new ExportVerifier(both).verify(export).firstDiscrepancy()).isEmpty();
      var onlyTheActiveKey = new ExportVerifier(Set.of(WEB_KEY.networkKey())).verify(export);
      assertThat(onlyTheActiveKey.firstDiscrepancy().orElseThrow().detail())
          .contains("signed by key " + legacyId(LEDGER_ONLY_KEY) + ", not one of the trusted keys");

      // the database still guards them: append-only, and every key id names a key of the network
      assertThatThrownBy(
              () ->
                  sql(
                      ds,
                      "UPDATE checkpoint SET key_id = key_id WHERE network_id = ?",
                      network.value()))
          .hasMessageContaining("append-only");
      Checkpoint beyond = beyond(next);
      assertThatThrownBy(() -> insertCheckpoint(ds, beyond, "00000000"))
          .hasMessageContaining("checkpoint_signer_key_fkey");
      assertThatThrownBy(() -> insertCheckpoint(ds, beyond, "21FE31DF"))
          .hasMessageContaining("checkpoint_key_id_is_8_or_legacy_16_hex");
      insertCheckpoint(ds, beyond, legacyId(LEDGER_ONLY_KEY)); // a legacy id of a known key
      assertThatThrownBy(
              () ->
                  sql(
                      ds,
                      "INSERT INTO network_signing_key (network_id, key_id, public_key,"
                          + " encrypted_private_key, retired_at) VALUES (?, ?, ?, NULL, now())",
                      network.value(),
                      "00000000",
                      SigningKey.of(filled(9)).networkKey().publicKey()))
          .hasMessageContaining("network_signing_key_id_is_the_keys");
    }
  }

  /** The id the ledger gave a key before V9: the first 16 hex digits of SHA-256 of its bytes. */
  static String legacyId(SigningKey key) throws Exception {
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.networkKey().publicKey());
    return HEX.formatHex(hash).substring(0, 16);
  }

  /**
   * A checkpoint of the Coopération rows up to {@code upTo}, taken as the ledger took them before
   * V9 (its key named by the legacy id inside the signed bytes) and stored with SQL.
   */
  static Checkpoint legacyCheckpoint(
      DataSource ds,
      NetworkId network,
      Checkpoint previous,
      long upTo,
      SigningKey key,
      LedgerFixture fx,
      Map<Long, OwnerKind> kinds)
      throws Exception {
    long after = previous == null ? 0 : previous.headSeq();
    byte[] previousHash = previous == null ? new byte[32] : previous.headHash();
    var totals = new EnumMap<OwnerKind, Long>(OwnerKind.class);
    for (OwnerKind k : OwnerKind.values()) {
      totals.put(k, previous == null ? 0 : previous.totals().get(k));
    }
    var hashes = new ArrayList<byte[]>();
    byte[][] head = {previousHash};
    fx.ledger
        .transfers()
        .forEachInJournal(
            network,
            StrandKind.COOPERATION,
            t -> {
              if (t.seq() > after && t.seq() <= upTo) {
                hashes.add(t.hash());
                head[0] = t.hash();
                Checkpoints.addMovement(totals, t, kinds);
              }
            });
    long id = count(ds, "SELECT nextval('checkpoint_id_seq')");
    var unsigned =
        new Checkpoint(
            network,
            id,
            StrandKind.COOPERATION,
            after,
            previousHash,
            upTo,
            head[0],
            MerkleTree.root(hashes),
            totals,
            Instant.parse("2026-03-02T12:00:00Z").plusSeconds(upTo),
            legacyId(key),
            new byte[64]);
    Checkpoint signed = resign(unsigned, key);
    insertCheckpoint(ds, signed);
    return signed;
  }

  static Checkpoint resign(Checkpoint c, SigningKey key) {
    return new Checkpoint(
        c.network(),
        c.id(),
        c.strand(),
        c.previousSeq(),
        c.previousHash(),
        c.headSeq(),
        c.headHash(),
        c.segmentRoot(),
        c.totals(),
        c.takenAt(),
        c.keyId(),
        key.sign(c.signedBytes()));
  }

  /** A checkpoint row beyond c's segment (not a genuine one: to try the table's constraints). */
  static Checkpoint beyond(Checkpoint c) {
    return new Checkpoint(
        c.network(),
        c.id() + 100,
        c.strand(),
        c.previousSeq() + 100,
        c.previousHash(),
        c.headSeq() + 100,
        c.headHash(),
        c.segmentRoot(),
        c.totals(),
        c.takenAt(),
        c.keyId(),
        c.signature());
  }

  static void insertCheckpoint(DataSource ds, Checkpoint c) throws SQLException {
    insertCheckpoint(ds, c, c.keyId());
  }

  static void insertCheckpoint(DataSource ds, Checkpoint c, String keyId) throws SQLException {
    var t = c.totals();
    sql(
        ds,
        "INSERT INTO checkpoint (network_id, checkpoint_id, strand_id, previous_seq, previous_hash,"
            + " head_seq, head_hash, segment_root, total_member, total_merchant,"
            + " total_association, total_funder, total_exchange_office, total_system, taken_at,"
            + " key_id, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        c.network().value(),
        c.id(),
        c.strand().id(),
        c.previousSeq(),
        c.previousHash(),
        c.headSeq(),
        c.headHash(),
        c.segmentRoot(),
        t.get(OwnerKind.MEMBER),
        t.get(OwnerKind.MERCHANT),
        t.get(OwnerKind.ASSOCIATION),
        t.get(OwnerKind.FUNDER),
        t.get(OwnerKind.EXCHANGE_OFFICE),
        t.get(OwnerKind.SYSTEM),
        OffsetDateTime.ofInstant(c.takenAt(), ZoneOffset.UTC),
        keyId,
        c.signature());
  }

  static StoredSigningKey find(List<StoredSigningKey> stored, SigningKey key) {
    return stored.stream().filter(s -> s.key().equals(key.networkKey())).findFirst().orElseThrow();
  }

  static void sql(DataSource ds, String sql, Object... binds) throws SQLException {
    try (var c = ds.getConnection();
        var st = c.prepareStatement(sql)) {
      for (int i = 0; i < binds.length; i++) {
        st.setObject(i + 1, binds[i]);
      }
      st.execute();
    }
  }

  static long count(DataSource ds, String sql) throws SQLException {
    try (var c = ds.getConnection();
        var st = c.createStatement();
        var rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static byte[] filled(int value) {
    byte[] bytes = new byte[32];
    java.util.Arrays.fill(bytes, (byte) value);
    return bytes;
  }
}
