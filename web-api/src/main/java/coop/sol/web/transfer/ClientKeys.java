package coop.sol.web.transfer;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.transfer.RejectionReason;
import coop.sol.web.auth.Caller;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.LedgerProblems;
import coop.sol.web.problem.ProblemCode;
import java.util.regex.Pattern;

/**
 * The one rule that turns a client's {@code Idempotency-Key} header into a ledger key: required, 1
 * to 128 printable ASCII characters other than {@code /} (which the ledger keeps to name the legs
 * of an operation, {@code <key>/1}), and prefixed with the caller's user id ({@code u<user
 * id>:<key>}) so that two clients can never collide. Every money-moving endpoint uses it.
 */
public final class ClientKeys {
  /** The request header that carries the client's key. */
  public static final String HEADER = "Idempotency-Key";

  public static final int MAX_LENGTH = 128;

  /** Printable ASCII but the space and {@code /}: {@code /} names an operation's legs. */
  public static final String PATTERN = "^[!-.0-~]{1," + MAX_LENGTH + "}$";

  private static final Pattern KEY = Pattern.compile(PATTERN);

  private ClientKeys() {}

  public static IdempotencyKey ledgerKey(Caller caller, String clientKey) {
    return new IdempotencyKey("u" + caller.userId() + ":" + check(clientKey));
  }

  /**
   * The client's key itself, checked: where the ledger key derives from something else (a payment
   * code), it still tells a client's retry from a second use.
   */
  public static String check(String clientKey) {
    if (clientKey == null || clientKey.isEmpty()) {
      throw new ApiProblemException(ProblemCode.IDEMPOTENCY_KEY_REQUIRED);
    }
    if (!KEY.matcher(clientKey).matches()) {
      throw new ApiProblemException(ProblemCode.INVALID_IDEMPOTENCY_KEY);
    }
    return clientKey;
  }

  /**
   * Refuses a key the caller already used in another of their networks: the ledger's keys are
   * unique per network, so a retry there would not be recognised here (409, as for any key used for
   * another request).
   */
  public static void checkUnusedElsewhere(
      Ledger ledger, Caller caller, NetworkId network, IdempotencyKey key) {
    for (NetworkId other : caller.networks()) {
      if (!other.equals(network) && ledger.transfers().findByKey(other, key).isPresent()) {
        throw LedgerProblems.problem(RejectionReason.EXISTS_WITH_DIFFERENT_FIELDS);
      }
    }
  }
}
