/**
 * The pages of associations and funders: an association certifies its members' volunteer hours
 * ({@code /association}), credited in SOL Engagement from its allowance; a funder issues earmarked
 * vouchers (SOL Affecté) to beneficiaries ({@code /funder}), each printable as a QR voucher.
 */
package coop.sol.web.page.association;
