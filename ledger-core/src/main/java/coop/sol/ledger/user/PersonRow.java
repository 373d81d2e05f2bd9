package coop.sol.ledger.user;

/** A person found by a search, with their status. */
public record PersonRow(StoredUser user, PersonStatus status) {}
