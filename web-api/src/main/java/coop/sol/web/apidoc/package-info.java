/**
 * The API's OpenAPI description (springdoc): document metadata, security schemes (HTTP Basic,
 * bearer personal access tokens), the problem schema with every stable code, and each operation's
 * error responses. The operations themselves are described by the controllers of each feature
 * package.
 */
package coop.sol.web.apidoc;
