package coop.sol.ledger.transfer;

/**
 * The kind of operation a transfer records, so that the journal alone explains every balance.
 * Stored by name; the database accepts any upper-case name, so adding a code needs no migration.
 */
public enum TransferCode {
  /** A member or merchant pays a merchant (or another member). */
  PAYMENT,
  /** SOL created: issued against euros at an exchange office, or by the network. */
  ISSUANCE,
  /** The bonus SOL issued on a purchase at an exchange office. */
  PURCHASE_BONUS,
  /** Euros received into the network's reserve (euro ledger). */
  RESERVE_DEPOSIT,
  /** Euros paid out of the reserve (euro ledger), for a reconversion. */
  RESERVE_WITHDRAWAL,
  /** A merchant turns SOL Coopération back into euros: the SOL go back to issuance. */
  RECONVERSION,
  /** The reconversion fee, paid to the association's fund. */
  RECONVERSION_FEE,
  /** Demurrage: a sleeping balance melts into the fund. */
  FONTE,
  /** A merchant's reward to a member for a purchase paid in euros. */
  REWARD,
  /** SOL Engagement credited for volunteer hours. */
  VOLUNTEER_CREDIT,
  /** The allowance of SOL Engagement coordinators grant an association. */
  VOLUNTEER_ALLOWANCE,
  /** SOL Affecté issued by a funder to a beneficiary. */
  GRANT,
  /** Unspent SOL Affecté returned to the funder at expiry. */
  VOUCHER_EXPIRY,
  /** A merchant refunds all or part of a payment (a reversal of it). */
  REFUND,
  /** A compensating transfer approved by two coordinators (a reversal, or a new transfer). */
  CORRECTION
}
