/**
 * The audit log ({@code audit_event}, append-only): every privileged action — who, what, when, from
 * which address — recorded by the feature that performs it, and read by the coordinators of the
 * network it concerns ({@code GET /api/v1/audit}); installation-wide entries by administrators.
 */
package coop.sol.web.audit;
