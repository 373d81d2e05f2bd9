package coop.sol.ledger.account;

import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import java.util.OptionalLong;

/**
 * An account with its balances as last committed.
 *
 * @param creditLimit how far below zero the available balance may go, in minor units; empty means
 *     unlimited (system accounts that represent money created)
 */
public record Account(
    NetworkId network,
    AccountId id,
    StrandKind strand,
    OwnerKind ownerKind,
    String ownerRef,
    String name,
    AccountStatus status,
    OptionalLong creditLimit,
    Balance balance) {}
