package coop.sol.web.payment;

import coop.sol.merchant.code.RejectionReason;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;

/** Why a payment code was refused, as a problem: {@code PAYMENT_CODE_<reason>}, all 422. */
final class PaymentCodeProblems {
  private PaymentCodeProblems() {}

  static ProblemCode code(RejectionReason reason) {
    return switch (reason) {
      // text never comes from a photo here; a client that sent none sent something not ours
      case NOT_A_QR_CODE, NOT_OURS -> ProblemCode.PAYMENT_CODE_NOT_OURS;
      case MALFORMED -> ProblemCode.PAYMENT_CODE_MALFORMED;
      case UNKNOWN_KEY -> ProblemCode.PAYMENT_CODE_UNKNOWN_KEY;
      case BAD_SIGNATURE -> ProblemCode.PAYMENT_CODE_BAD_SIGNATURE;
      case EXPIRED -> ProblemCode.PAYMENT_CODE_EXPIRED;
      case WRONG_NETWORK -> ProblemCode.PAYMENT_CODE_WRONG_NETWORK;
    };
  }

  static ApiProblemException problem(RejectionReason reason) {
    return new ApiProblemException(code(reason));
  }
}
