/**
 * Amounts at the HTTP edge: decimal strings parsed strictly into the ledger's minor units, at the
 * scale of their strand. Everything inside works in minor units.
 */
package coop.sol.web.amount;
