/**
 * Backups and restore checks: online backups of the embedded PostgreSQL on demand ({@code POST
 * /api/v1/admin/backups}) or on a schedule ({@code sol.backup.cron}) into {@code
 * <data-dir>/backups}, and {@code --verify-journal}, which checks a (restored) database with the
 * journal verifier. The procedures are in docs/reliability.md.
 */
package coop.sol.web.backup;
