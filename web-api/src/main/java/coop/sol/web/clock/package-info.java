/**
 * The application's one clock. Everything that reads the time takes the {@link java.time.Clock}
 * bean, so that tests move time instead of waiting for it.
 */
package coop.sol.web.clock;
