/**
 * The installation's append-only audit log ({@code audit_event}): who did what, when, from where,
 * to what. The web layer decides which actions are audited and with which details; this package
 * stores and reads the entries, and lets other stores write an entry in the transaction of the
 * action it records ({@link coop.sol.ledger.auditlog.AuditLogStore#insert(org.jooq.DSLContext,
 * AuditEntry)}).
 */
package coop.sol.ledger.auditlog;
