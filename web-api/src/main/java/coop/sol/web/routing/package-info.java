/**
 * How a request finds its controller method: Spring MVC's mapping of the controllers, given a cheap
 * first test that leaves out the mappings a path cannot match ({@code LiteralPrefixMappings}).
 */
package coop.sol.web.routing;
