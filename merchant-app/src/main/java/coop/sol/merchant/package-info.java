/**
 * The merchant side of SOL payments with QR codes, as a library without database, Spring or other
 * modules.
 *
 * <p>Dependencies between the feature packages point one way: {@code qr} (draw and read the symbol)
 * uses {@code code} (payload, signing, verification), which uses {@code key} (network keys and
 * their storage).
 */
package coop.sol.merchant;
