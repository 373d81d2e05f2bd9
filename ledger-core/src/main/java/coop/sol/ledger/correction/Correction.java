package coop.sol.ledger.correction;

import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.transfer.TransferId;
import java.time.Instant;
import java.util.Optional;

/**
 * A correction as recorded: the compensating transfer it stands for, who proposed it and why, and
 * what became of it.
 *
 * @param amount in minor units, > 0
 * @param reverses the transfer it reverses, if it is a reversal
 * @param decidedBy who approved, declined or withdrew it; empty while PROPOSED
 * @param transfer the CORRECTION transfer, once POSTED
 */
public record Correction(
    NetworkId network,
    long id,
    StrandKind strand,
    AccountId debit,
    AccountId credit,
    long amount,
    Optional<TransferId> reverses,
    String reason,
    Actor proposedBy,
    Instant proposedAt,
    CorrectionStatus status,
    Optional<Actor> decidedBy,
    Optional<Instant> decidedAt,
    Optional<TransferId> transfer) {}
