/**
 * The one form of every CSV download: French spreadsheets' ({@code ;}, decimal comma, UTF-8 byte
 * order mark) for a French reader, RFC 4180's ({@code ,}, decimal point) for an English one.
 */
package coop.sol.web.csv;
