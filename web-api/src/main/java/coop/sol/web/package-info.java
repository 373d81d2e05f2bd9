/**
 * The SOL web application: the Spring Boot entry point and the installation's settings. Each
 * sub-package owns one feature: {@code database} (where the data lives), {@code user} (logins and
 * roles), {@code security} (who may call what), {@code admin} (the first administrator), {@code
 * demo} (the demo network), {@code problem} (errors as RFC 9457 problem details). The ledger itself
 * is {@code coop.sol.ledger}; this application translates HTTP to ledger calls and back.
 */
package coop.sol.web;
