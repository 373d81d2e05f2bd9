package coop.sol.ledger.reward;

import coop.sol.ledger.settings.BasisPoints;
import coop.sol.ledger.transfer.Transfer;

/**
 * A reward paid.
 *
 * @param rate the merchant's reward rate applied
 * @param amount SOL paid, in minor units: {@code floor(euros / euro rate × rate)}
 * @param transfer the REWARD transfer, merchant → member
 */
public record RewardPaid(BasisPoints rate, long amount, Transfer transfer, boolean replayed) {}
