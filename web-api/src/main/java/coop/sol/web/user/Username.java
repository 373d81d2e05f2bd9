package coop.sol.web.user;

import java.util.regex.Pattern;

/** The rule for usernames, the same as the database's CHECK on {@code app_user.username}. */
public final class Username {
  private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9._-]{1,62}");

  private Username() {}

  /** 2 to 63 characters: lower-case letters, digits, '.', '_' and '-', starting alphanumeric. */
  public static boolean isValid(String username) {
    return username != null && VALID.matcher(username).matches();
  }
}
