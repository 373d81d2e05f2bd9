package coop.sol.merchant.code;

import java.time.Instant;
import java.util.Optional;

/** A payment code before signing, or after verification. */
public sealed interface PaymentCode
    permits PaymentRequestCode, StaticMerchantCode, PayTokenCode, MemberCardCode {

  /** The network (ledger instance) whose members the code is for; > 0. */
  long networkId();

  /**
   * The first instant at which the code is no longer valid, in whole seconds; empty for codes that
   * do not expire.
   */
  Optional<Instant> expiry();
}
