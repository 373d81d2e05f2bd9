/**
 * Harnesses, not tests: programs that start the built application ({@code web-api/target/sol.jar})
 * in processes of their own and drive it on loopback — {@link
 * coop.sol.web.reliability.harness.CrashHarness} kills it and its database while clients pay,
 * {@link coop.sol.web.reliability.harness.OverloadHarness} loads it beyond saturation. Each runs
 * with one Maven profile (see docs/reliability.md), never in the default build.
 */
package coop.sol.web.reliability.harness;
