package coop.sol.merchant.code;

/** Why a scanned or typed text is not a payment code this till may act on. */
public enum RejectionReason {
  /** The image held no QR code the scanner could read. */
  NOT_A_QR_CODE,
  /**
   * Not a SOL payment code: not a payment link nor bare payload, not base64url, empty, or a format
   * version this code does not know. Likely some other QR code.
   */
  NOT_OURS,
  /**
   * Signed by a trusted key but not readable: a kind this version does not know, or fields that
   * break the layout. Means the till's software is older than the network's.
   */
  MALFORMED,
  /** Signed by a key this till does not trust: another network's, or one rotated out. */
  UNKNOWN_KEY,
  /** The signature does not match the bytes: altered, damaged, or forged. */
  BAD_SIGNATURE,
  /** Genuine but past its expiry. */
  EXPIRED,
  /** Genuine but for another network than the till's. */
  WRONG_NETWORK
}
