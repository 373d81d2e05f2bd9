package coop.sol.web.input;

import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;
import java.util.Set;

/**
 * The rule for free text in a request (a memo, a reason, a name, a reference, any string of a JSON
 * body and any query or form parameter): Unicode text as a person types it. Refused with
 * INVALID_TEXT, naming the field: NUL and every other control character (C0, DEL, C1), which
 * PostgreSQL refuses or which hide text from the people who read it later, and lone UTF-16
 * surrogates, which UTF-8 cannot encode (PostgreSQL stored them as "?", so a retry of the same
 * request no longer matched the first). Line breaks ({@code \n}, {@code \r\n}) and tabs only in the
 * fields written as paragraphs ({@link #PARAGRAPHS}).
 */
public final class FreeText {
  /**
   * The fields, by name, that may hold line breaks: a correction's reason (a text area of the
   * coordinators' page, and the same property of {@code POST /api/v1/corrections}); a merchant's
   * description and opening hours in the directory.
   */
  public static final Set<String> PARAGRAPHS = Set.of("reason", "description", "openingHours");

  private FreeText() {}

  /**
   * Checks {@code text} as the value of the field {@code name} (a parameter, or a JSON property's
   * dotted path whose last name says whether it is a paragraph).
   *
   * @return {@code text}
   * @throws ApiProblemException INVALID_TEXT
   */
  public static String check(String name, String text) {
    if (text != null && !isValid(text, PARAGRAPHS.contains(lastName(name)))) {
      throw new ApiProblemException(
          ProblemCode.INVALID_TEXT,
          name
              + " : texte avec un caractère de contrôle ou une demi-paire de substitution"
              + (PARAGRAPHS.contains(lastName(name))
                  ? " (seuls les retours à la ligne et tabulations y sont admis)."
                  : " (ni retour à la ligne ni tabulation dans ce champ)."),
          name);
    }
    return text;
  }

  /** Whether {@code text} is free text, with line breaks and tabs if {@code paragraph}. */
  public static boolean isValid(String text, boolean paragraph) {
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
          continue;
        }
        return false;
      }
      if (Character.isLowSurrogate(c)) {
        return false;
      }
      if (Character.getType(c) == Character.CONTROL) {
        boolean lineBreak =
            c == '\n' || c == '\t' || (c == '\r' && i + 1 < length && text.charAt(i + 1) == '\n');
        if (!(paragraph && lineBreak)) {
          return false;
        }
      }
    }
    return true;
  }

  /** {@code memo} of {@code legs.0.memo}; {@code reason} of {@code reason}. */
  private static String lastName(String path) {
    String[] parts = path.split("\\.");
    for (int i = parts.length - 1; i >= 0; i--) {
      if (!parts[i].isEmpty() && !parts[i].chars().allMatch(Character::isDigit)) {
        return parts[i];
      }
    }
    return path;
  }
}
