/**
 * Errors at the HTTP edge: every failure becomes an RFC 9457 {@code application/problem+json}
 * response with a stable {@code code} ({@link coop.sol.web.problem.ProblemCode}), whether it comes
 * from a controller, from Spring MVC, from Spring Security's filters or from the servlet container.
 * Never a stack trace.
 */
package coop.sol.web.problem;
