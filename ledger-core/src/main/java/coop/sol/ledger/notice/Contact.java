package coop.sol.ledger.notice;

import java.util.Optional;

/**
 * How to reach a person and what they want to hear of.
 *
 * @param language "fr" or "en"; empty for the installation's default
 */
public record Contact(
    long userId,
    String username,
    String displayName,
    Optional<String> email,
    Optional<String> language,
    boolean enabled,
    Preferences preferences) {}
