/**
 * The API's OpenAPI description (springdoc): document metadata and security schemes. The operations
 * themselves are described by the controllers of each feature package.
 */
package coop.sol.web.apidoc;
