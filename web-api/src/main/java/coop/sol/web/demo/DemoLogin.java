package coop.sol.web.demo;

import java.util.List;

/**
 * One demo user's login, as written to {@code demo-credentials.json} for people and scripts.
 *
 * @param network the network code the roles apply to; null for the administrator
 * @param merchant for a cashier, the merchant whose till they work
 * @param totpSecret base32 TOTP secret for roles that require a second factor, else null
 * @param totpUri the same secret as an {@code otpauth://} URI, which authenticator apps import
 */
record DemoLogin(
    String username,
    String password,
    String displayName,
    String description,
    List<String> roles,
    String network,
    String merchant,
    String totpSecret,
    String totpUri) {}
