/**
 * The coordinators' pages ({@code /coordinator/**}), in the network they coordinate: the dashboard
 * with the circulation report's charts (the images of {@code /api/v1/reports/charts}, each with its
 * figures as a table for those who do not see it) and the report's downloads; the accounts of
 * members, merchants and the others; the fonte, previewed before it is run; corrections under dual
 * control; the audit log. The pages call the services the API's coordinators' endpoints call, and
 * audit what those audit.
 */
package coop.sol.web.page.coordinator;
