package coop.sol.web.payment;

import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;
import java.util.regex.Pattern;

/**
 * The client's {@code Idempotency-Key} header, as for {@code POST /api/v1/transfers}: 1 to 128
 * printable ASCII characters without space. Here it tells a client's retry (the original answer)
 * from a second use of a code (409); the ledger key itself derives from the code.
 */
final class ClientKeys {
  static final String HEADER = "Idempotency-Key";
  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,128}");

  private ClientKeys() {}

  static String check(String key) {
    if (key == null || key.isEmpty()) {
      throw new ApiProblemException(ProblemCode.IDEMPOTENCY_KEY_REQUIRED);
    }
    if (!KEY.matcher(key).matches()) {
      throw new ApiProblemException(ProblemCode.INVALID_IDEMPOTENCY_KEY);
    }
    return key;
  }
}
