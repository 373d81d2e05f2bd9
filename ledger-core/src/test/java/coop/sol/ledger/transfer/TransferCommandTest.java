package coop.sol.ledger.transfer;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.StrandKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Commands that cannot be are programming errors, refused at construction. */
class TransferCommandTest {
  static final IdempotencyKey KEY = new IdempotencyKey("k");
  static final AccountId A = new AccountId(1);
  static final AccountId B = new AccountId(2);

  @Test
  void an_amount_is_positive() {
    assertThatThrownBy(() -> Amount.of(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Amount.of(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keys_are_short_printable_ascii() {
    assertThatThrownBy(() -> new IdempotencyKey("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IdempotencyKey("a b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IdempotencyKey("é")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IdempotencyKey("x".repeat(201)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void only_pending_transfers_have_a_timeout() {
    assertThatThrownBy(
            () ->
                new TransferCommand(
                    KEY,
                    TransferKind.POSTED,
                    StrandKind.COOPERATION,
                    A,
                    B,
                    Amount.of(1),
                    TransferCode.PAYMENT,
                    null,
                    null,
                    Duration.ofSeconds(1),
                    "",
                    "",
                    null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                TransferCommand.pending(
                    KEY,
                    StrandKind.COOPERATION,
                    A,
                    B,
                    Amount.of(1),
                    TransferCode.PAYMENT,
                    Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void resolving_a_pending_transfer_names_it_and_nothing_else() {
    assertThatThrownBy(
            () ->
                new TransferCommand(
                    KEY,
                    TransferKind.VOID_PENDING,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    "",
                    "",
                    null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(
            () ->
                new TransferCommand(
                    KEY,
                    TransferKind.VOID_PENDING,
                    StrandKind.COOPERATION,
                    A,
                    B,
                    null,
                    null,
                    new TransferId(3),
                    null,
                    null,
                    "",
                    "",
                    null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void reference_and_memo_are_bounded() {
    var pay =
        TransferCommand.posted(
            KEY, StrandKind.COOPERATION, A, B, Amount.of(1), TransferCode.PAYMENT);
    assertThatThrownBy(() -> pay.withReference("r".repeat(201)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> pay.withMemo("m".repeat(501)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
