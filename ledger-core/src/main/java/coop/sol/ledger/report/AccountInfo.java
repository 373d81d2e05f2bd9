package coop.sol.ledger.report;

import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.StrandKind;

/** What a report needs to know of an account: its strand, owner kind and names. */
public record AccountInfo(
    long accountId, StrandKind strand, OwnerKind ownerKind, String ownerRef, String name) {}
