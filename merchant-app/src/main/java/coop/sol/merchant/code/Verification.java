package coop.sol.merchant.code;

import coop.sol.keys.KeyId;

/** What came of checking a payment code's text. */
public sealed interface Verification {

  /** The code is genuine, for the expected network, and unexpired at the time given. */
  record Verified(PaymentCode code, KeyId keyId) implements Verification {}

  /** The code must not be acted on. */
  record Rejected(RejectionReason reason) implements Verification {}
}
