/**
 * The life cycle of accounts and people over HTTP: a coordinator freezes, unfreezes or closes an
 * account or every account a person holds in their network, with a reason, each step audited; the
 * rules a status imposes on payments are the ledger's ({@code coop.sol.ledger.lifecycle}, the
 * writer), whatever the door.
 */
package coop.sol.web.lifecycle;
