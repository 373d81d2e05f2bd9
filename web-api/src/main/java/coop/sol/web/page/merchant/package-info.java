/**
 * The merchant's till ({@code /till/**}), for the merchant and their cashiers: an amount typed
 * becomes a large QR code that turns to "paid" live; a customer's pay token read by camera or photo
 * and charged; sales and refunds; the printable counter code. The merchant alone manages cashiers'
 * refund limits and asks for reconversions.
 */
package coop.sol.web.page.merchant;
