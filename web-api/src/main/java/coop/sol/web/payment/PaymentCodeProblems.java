package coop.sol.web.payment;

import coop.sol.ledger.operation.OperationReason;
import coop.sol.merchant.code.RejectionReason;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.LedgerProblems;
import coop.sol.web.problem.ProblemCode;

/**
 * Why a payment code was refused, as a problem: {@code PAYMENT_CODE_<reason>}, all 422 (an expired
 * code is the ledger's own {@code PAYMENT_CODE_EXPIRED}, whoever finds it expired).
 */
public final class PaymentCodeProblems {
  private PaymentCodeProblems() {}

  public static ApiProblemException problem(RejectionReason reason) {
    return switch (reason) {
      // text never comes from a photo here; a client that sent none sent something not ours
      case NOT_A_QR_CODE, NOT_OURS -> new ApiProblemException(ProblemCode.PAYMENT_CODE_NOT_OURS);
      case MALFORMED -> new ApiProblemException(ProblemCode.PAYMENT_CODE_MALFORMED);
      case UNKNOWN_KEY -> new ApiProblemException(ProblemCode.PAYMENT_CODE_UNKNOWN_KEY);
      case BAD_SIGNATURE -> new ApiProblemException(ProblemCode.PAYMENT_CODE_BAD_SIGNATURE);
      case EXPIRED -> LedgerProblems.problem(OperationReason.PAYMENT_CODE_EXPIRED);
      case WRONG_NETWORK -> new ApiProblemException(ProblemCode.PAYMENT_CODE_WRONG_NETWORK);
    };
  }
}
