package coop.sol.web.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.transfer.RejectionReason;
import coop.sol.web.problem.ProblemCode;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RejectionsTest {

  @Test
  void every_reason_is_a_client_error_except_the_retryable_ones_which_say_when_to_retry() {
    for (RejectionReason reason : RejectionReason.values()) {
      var problem = Rejections.problem(reason);
      assertThat(problem.code()).isEqualTo(reason.name());
      if (reason == RejectionReason.LEDGER_BUSY || reason == RejectionReason.LEDGER_UNAVAILABLE) {
        assertThat(problem.status().value()).isEqualTo(503);
        assertThat(problem.headers()).containsKey("Retry-After");
      } else {
        assertThat(problem.status().value()).as("%s", reason).isIn(409, 422);
      }
    }
    assertThat(Rejections.status(RejectionReason.EXISTS_WITH_DIFFERENT_AMOUNT).value())
        .isEqualTo(409);
    assertThat(Rejections.status(RejectionReason.INSUFFICIENT_FUNDS).value()).isEqualTo(422);
  }

  @Test
  void problem_codes_and_rejection_reasons_never_share_a_name() {
    var reasons = Arrays.stream(RejectionReason.values()).map(Enum::name).toList();
    assertThat(Arrays.stream(ProblemCode.values()).map(Enum::name))
        .doesNotContainAnyElementsOf(reasons);
  }
}
