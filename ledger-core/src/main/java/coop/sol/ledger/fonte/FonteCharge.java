package coop.sol.ledger.fonte;

import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.transfer.RejectionReason;
import coop.sol.ledger.transfer.TransferId;
import java.util.Optional;

/**
 * The fonte of one account for a period.
 *
 * @param balanceAtPeriodEnd posted balance at the end of the period, minor units, > 0
 * @param amount what is (or would be, or was) charged, minor units; 0 for NOTHING_LEFT
 * @param transfer the FONTE transfer, when CHARGED or ALREADY_CHARGED
 * @param rejection the ledger's reason, when FAILED
 */
public record FonteCharge(
    AccountId account,
    OwnerKind ownerKind,
    String ownerRef,
    long balanceAtPeriodEnd,
    long amount,
    ChargeStatus status,
    Optional<TransferId> transfer,
    Optional<RejectionReason> rejection) {}
