package coop.sol.ledger.voucher;

import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.transfer.Transfer;

/** SOL Affecté issued to a funder, for the lots it grants. */
public record FunderFunded(Actor fundedBy, Transfer transfer, boolean replayed) {}
