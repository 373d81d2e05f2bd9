/**
 * What keeps the application answering under load, faults and hostile clients: load shedding (a
 * bound on requests in service and on password checks, 503 OVERLOADED beyond), the security headers
 * of every response, and the time limits of the web layer ({@link
 * coop.sol.web.reliability.ReliabilityProperties}). The timeouts of the connection pool, of SQL
 * statements and of the servlet container are in application.yml; docs/reliability.md has the whole
 * picture.
 */
package coop.sol.web.reliability;
