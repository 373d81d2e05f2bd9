/**
 * What the whole installation shares: its settings ({@code sol.*}) and the names of the
 * command-line options that turn a start into a command. The root package's launcher and the
 * feature packages depend on it, never the other way round.
 */
package coop.sol.web.installation;
