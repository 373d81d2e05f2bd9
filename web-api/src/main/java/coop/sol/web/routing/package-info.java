/**
 * How a request finds its controller method: Spring MVC's mapping of the controllers, which tests
 * each mapping's path patterns before its other conditions ({@code PathFirstMappings}).
 */
package coop.sol.web.routing;
