/**
 * Payments with QR codes, over HTTP: single-use payment requests a merchant's till shows ({@code
 * /api/v1/payment-requests}, with their status live as server-sent events), the static code a
 * merchant prints for the counter ({@code /api/v1/merchants/{accountId}/static-code}), and
 * single-use pay tokens a member shows ({@code /api/v1/pay-tokens}), each also as a PNG or SVG QR
 * code. Codes are signed with the network's key ({@code networkkey}); the ledger decides single
 * use: a request is paid with the ledger key {@code pr-<id>}, a token with {@code pt-<id>}, so
 * neither can post twice, however many tills or phones try at once. The tables {@code
 * payment_request} and {@code pay_token} record who claimed a code, so that a client's retry gets
 * its original answer and everyone else a 409.
 */
package coop.sol.web.payment;
