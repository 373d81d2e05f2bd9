package coop.sol.ledger.notice;

/** What a person wants to be told (also by email when there is SMTP and an address). */
public record Preferences(boolean paymentReceived, boolean voucherReceived, boolean fonteComing) {
  /** A person who never chose: no mail per payment, the rest yes. */
  public static final Preferences DEFAULT = new Preferences(false, true, true);

  public boolean wants(NoticeKind kind) {
    return switch (kind) {
      case PAYMENT_RECEIVED -> paymentReceived;
      case VOUCHER_RECEIVED -> voucherReceived;
      case FONTE_COMING -> fonteComing;
      case ACTIVATION, PASSWORD_RESET -> true;
    };
  }
}
