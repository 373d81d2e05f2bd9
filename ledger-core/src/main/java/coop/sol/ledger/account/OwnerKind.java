package coop.sol.ledger.account;

/** Who an account belongs to. SYSTEM accounts (issuance, fund, fees) may have no credit limit. */
public enum OwnerKind {
  MEMBER,
  MERCHANT,
  ASSOCIATION,
  FUNDER,
  EXCHANGE_OFFICE,
  SYSTEM
}
