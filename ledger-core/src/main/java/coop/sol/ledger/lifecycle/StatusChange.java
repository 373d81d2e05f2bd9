package coop.sol.ledger.lifecycle;

import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.account.AccountStatus;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.operation.Actor;
import java.time.Instant;

/** One change of an account's status, as recorded: from, to, why, by whom and when. */
public record StatusChange(
    NetworkId network,
    long id,
    AccountId account,
    AccountStatus from,
    AccountStatus to,
    String reason,
    Actor by,
    Instant at) {}
