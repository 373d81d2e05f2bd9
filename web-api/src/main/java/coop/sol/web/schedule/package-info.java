/**
 * Scheduled jobs run once per period across every application instance: each instance's scheduler
 * fires, the first to claim the period in the database runs the job ({@code ScheduledRuns}).
 */
package coop.sol.web.schedule;
