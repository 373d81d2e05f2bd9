/**
 * Bulk import of people from a CSV file a treasurer fills in a spreadsheet: the file's format and
 * its strict parsing and validation ({@link PeopleCsv}: columns, encoding, delimiters, lengths,
 * roles, merchant listings, amounts), each problem with its line, column and stable code ({@link
 * LineProblem}); and the opening balances the file gives ({@link OpeningBalances}), posted once
 * whatever the number of runs, keyed by network, username and strand.
 */
package coop.sol.ledger.peopleimport;
