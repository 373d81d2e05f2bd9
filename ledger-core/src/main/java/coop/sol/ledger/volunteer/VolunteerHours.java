package coop.sol.ledger.volunteer;

import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.transfer.TransferCommand;
import java.util.Objects;

/**
 * Hours an association certifies a member volunteered.
 *
 * @param association the association's SOL Engagement account (its allowance)
 * @param member the member's SOL Engagement account
 * @param minutes time volunteered, in minutes, > 0 (hours are too coarse: historically 1 SOL a
 *     minute)
 * @param description what was done, for the journal's memo
 */
public record VolunteerHours(
    NetworkId network,
    IdempotencyKey key,
    AccountId association,
    AccountId member,
    long minutes,
    String description) {
  public VolunteerHours {
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(association, "association");
    Objects.requireNonNull(member, "member");
    if (minutes <= 0) {
      throw new IllegalArgumentException("volunteered time is > 0 minutes");
    }
    description = description == null ? "" : description;
    if (description.length() > TransferCommand.MAX_MEMO_LENGTH - 40) {
      throw new IllegalArgumentException("a description has at most 460 characters");
    }
  }
}
