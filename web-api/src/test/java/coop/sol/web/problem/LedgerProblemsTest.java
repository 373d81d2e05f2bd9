package coop.sol.web.problem;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.operation.OperationReason;
import coop.sol.ledger.transfer.RejectionReason;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LedgerProblemsTest {
  private static final Set<RejectionReason> RETRYABLE =
      EnumSet.of(
          RejectionReason.LEDGER_BUSY,
          RejectionReason.LEDGER_UNAVAILABLE,
          RejectionReason.LEDGER_TIMEOUT);

  @Test
  void every_rejection_is_a_client_error_except_the_retryable_ones_which_say_when_to_retry() {
    for (RejectionReason reason : RejectionReason.values()) {
      var problem = LedgerProblems.problem(reason);
      assertThat(problem.code()).isEqualTo(reason.name());
      assertThat(problem.detail()).isNotBlank();
      if (RETRYABLE.contains(reason)) {
        assertThat(problem.status().value()).as("%s", reason).isEqualTo(503);
        assertThat(problem.headers()).containsKey("Retry-After");
      } else {
        assertThat(problem.status().value()).as("%s", reason).isIn(403, 409, 422);
        assertThat(problem.headers()).doesNotContainKey("Retry-After");
      }
    }
    assertThat(LedgerProblems.status(RejectionReason.EXISTS_WITH_DIFFERENT_AMOUNT).value())
        .isEqualTo(409);
    assertThat(LedgerProblems.status(RejectionReason.INSUFFICIENT_FUNDS).value()).isEqualTo(422);
    assertThat(LedgerProblems.status(RejectionReason.DEBIT_NOT_ALLOWED).value()).isEqualTo(403);
  }

  @Test
  void every_operation_refusal_is_a_client_error_with_its_name_as_code() {
    for (OperationReason reason : OperationReason.values()) {
      var problem = LedgerProblems.problem(reason);
      assertThat(problem.code()).isEqualTo(reason.name());
      assertThat(problem.detail()).isNotBlank();
      assertThat(problem.status().value()).as("%s", reason).isIn(403, 404, 409, 410, 422);
    }
    assertThat(LedgerProblems.status(OperationReason.PAYMENT_REQUEST_EXPIRED).value())
        .isEqualTo(410);
    assertThat(LedgerProblems.status(OperationReason.PAY_TOKEN_ALREADY_USED).value())
        .isEqualTo(409);
  }

  @Test
  void the_three_sets_of_codes_never_share_a_name() {
    var ledger =
        Stream.concat(
                Arrays.stream(RejectionReason.values()).map(Enum::name),
                Arrays.stream(OperationReason.values()).map(Enum::name))
            .toList();
    assertThat(ledger).doesNotHaveDuplicates();
    assertThat(Arrays.stream(ProblemCode.values()).map(Enum::name))
        .doesNotContainAnyElementsOf(ledger);
  }
}
