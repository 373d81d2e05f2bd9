package coop.sol.ledger.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The canonical encoding is a published format (offline verifiers recompute it): these vectors pin
 * it. Changing the encoding must be a deliberate new version, not an accident.
 */
class JournalHashTest {
  static final Transfer ROW =
      new Transfer(
          new NetworkId(1),
          new TransferId(1000),
          StrandKind.COOPERATION,
          1,
          TransferKind.POSTED,
          new AccountId(7),
          new AccountId(9),
          1250,
          TransferCode.PAYMENT,
          new IdempotencyKey("k-1"),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          "ticket 42",
          "pain",
          Instant.parse("2026-03-01T10:00:00.123456Z"),
          new byte[32]);

  @Test
  void canonical_bytes_follow_the_documented_layout() {
    assertThat(HexFormat.of().formatHex(JournalHash.canonical(ROW)))
        .isEqualTo(
            "01" // version
                + "0000000000000001" // network
                + "0001" // strand COOPERATION
                + "0000000000000001" // seq
                + "00000000000003e8" // transfer id 1000
                + "01" // kind POSTED
                + "0000000000000007" // debit
                + "0000000000000009" // credit
                + "00000000000004e2" // amount 1250
                + "0007"
                + "5041594d454e54" // "PAYMENT"
                + "0003"
                + "6b2d31" // "k-1"
                + "0000000000000000" // no pending
                + "0000000000000000" // no reversal
                + "0000000000000000" // no expiry
                + "0009"
                + "7469636b6574203432" // "ticket 42"
                + "0004"
                + "7061696e" // "pain"
                + "00064bf38889aa40"); // 2026-03-01T10:00:00.123456Z in microseconds
  }

  @Test
  void the_hash_chains_from_genesis_and_covers_every_field() {
    byte[] first = JournalHash.chain(JournalHash.genesis(), ROW);
    assertThat(first).hasSize(32);
    assertThat(JournalHash.chain(JournalHash.genesis(), ROW)).isEqualTo(first);
    assertThat(JournalHash.chain(first, ROW)).isNotEqualTo(first);
    Transfer otherMemo =
        new Transfer(
            ROW.network(),
            ROW.id(),
            ROW.strand(),
            ROW.seq(),
            ROW.kind(),
            ROW.debit(),
            ROW.credit(),
            ROW.amount(),
            ROW.code(),
            ROW.key(),
            ROW.pendingId(),
            ROW.reverses(),
            ROW.expiresAt(),
            ROW.reference(),
            "pains",
            ROW.createdAt(),
            ROW.hash());
    assertThat(JournalHash.chain(JournalHash.genesis(), otherMemo)).isNotEqualTo(first);
  }
}
