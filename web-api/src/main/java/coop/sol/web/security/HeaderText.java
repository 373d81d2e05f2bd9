package coop.sol.web.security;

import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * What {@link StrictHttpFirewall} lets through in a header's name and value, checked one character
 * at a time rather than by its regular expressions ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*} for
 * names, the same with tabs for values): the same rule, with no matcher made for every header read
 * (the matching, for the few headers a request reads, was a sixtieth of the application's CPU on
 * history reads, BENCHMARKS.md). {@code HeaderTextTest} checks both against Spring Security's own
 * predicates for every code point.
 */
final class HeaderText {
  private HeaderText() {}

  /** Every code point assigned, none a control character. */
  static boolean isAllowedName(String name) {
    return allAllowed(name, false);
  }

  /** As a name, but tabs are allowed (they fold long values). */
  static boolean isAllowedValue(String value) {
    return allAllowed(value, true);
  }

  private static boolean allAllowed(String text, boolean tabs) {
    for (int i = 0; i < text.length(); ) {
      char c = text.charAt(i);
      if (c >= 0x20 && c < 0x7F) {
        // printable ASCII: by far the most common
        i++;
        continue;
      }
      int codePoint = text.codePointAt(i);
      if (!isAllowed(codePoint, tabs)) {
        return false;
      }
      i += Character.charCount(codePoint);
    }
    return true;
  }

  private static boolean isAllowed(int codePoint, boolean tabs) {
    int type = Character.getType(codePoint);
    if (type == Character.UNASSIGNED) {
      return false;
    }
    return type != Character.CONTROL || (tabs && codePoint == '\t');
  }
}
