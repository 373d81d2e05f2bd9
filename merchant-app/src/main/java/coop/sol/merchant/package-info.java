/**
 * The merchant side of SOL payments with QR codes, as a library without database, Spring or other
 * modules but network-keys.
 *
 * <p>Dependencies between the feature packages point one way: {@code qr} (draw and read the symbol)
 * uses {@code code} (payload, signing, verification), which uses the network's keys ({@code
 * coop.sol.keys}, the network-keys module, shared with ledger-core's checkpoints and reports).
 */
package coop.sol.merchant;
