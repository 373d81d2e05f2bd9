package coop.sol.merchant.till;

/** The till's exit codes, for scripts. */
final class Exit {
  /** Done: paid, charged, refunded, verified. */
  static final int OK = 0;

  /** Refused: not paid, code invalid, charge or refund refused by the network. */
  static final int REFUSED = 1;

  /** Wrong command line, or a file that cannot be read. */
  static final int USAGE = 2;

  /** The API could not be reached and nothing could be done without it. */
  static final int UNREACHABLE = 3;

  /** Offline: the code was checked and the charge queued, to be sent by {@code sync}. */
  static final int QUEUED = 4;

  private Exit() {}
}
