/**
 * An account's monthly statement (relevé): the opening balance, every operation of the month in
 * words, the closing balance; as PDF and as CSV, for whoever may read the account's history.
 */
package coop.sol.web.statement;
