package coop.sol.web.people;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.passay.DictionaryRule;
import org.passay.LengthRule;
import org.passay.PasswordData;
import org.passay.PasswordValidator;
import org.passay.RuleResult;
import org.passay.RuleResultDetail;
import org.passay.UsernameRule;
import org.passay.dictionary.ArrayWordList;
import org.passay.dictionary.WordListDictionary;
import org.passay.dictionary.sort.ArraysSort;
import org.springframework.stereotype.Component;

/**
 * What a password must be, checked by Passay: at least 12 characters (and at most 200, so hashing
 * stays cheap), not one of the 30,000 most common passwords (the list zxcvbn4j ships, compared
 * without regard to case), and not containing the username (nor its reverse). Length beats
 * composition rules (NIST SP 800-63B): no "one digit, one symbol" rules.
 */
@Component
public class PasswordRules {
  public static final int MIN_LENGTH = 12;
  public static final int MAX_LENGTH = 200;

  /** zxcvbn4j's list of common passwords, most common first, one per line (MIT licence). */
  static final String COMMON_PASSWORDS = "/com/nulabinc/zxcvbn/matchers/dictionaries/passwords.txt";

  /** Why a password is refused: stable codes, each with a message {@code password.reason.CODE}. */
  public enum Reason {
    TOO_SHORT,
    TOO_LONG,
    COMMON,
    CONTAINS_USERNAME
  }

  private final PasswordValidator validator;

  public PasswordRules() {
    var common =
        new WordListDictionary(new ArrayWordList(commonPasswords(), false, new ArraysSort()));
    this.validator =
        new PasswordValidator(
            new LengthRule(MIN_LENGTH, MAX_LENGTH),
            new DictionaryRule(common),
            new UsernameRule(true, true));
  }

  /** How many common passwords are refused (the list's size). */
  int commonPasswordCount() {
    return commonPasswords().length;
  }

  /** Why {@code password} may not be {@code username}'s; empty if it may. */
  public List<Reason> check(String username, String password) {
    RuleResult result =
        validator.validate(new PasswordData(username, password == null ? "" : password));
    if (result.isValid()) {
      return List.of();
    }
    Set<Reason> reasons = new LinkedHashSet<>();
    for (RuleResultDetail detail : result.getDetails()) {
      reasons.add(
          switch (detail.getErrorCode()) {
            case LengthRule.ERROR_CODE_MIN -> Reason.TOO_SHORT;
            case LengthRule.ERROR_CODE_MAX -> Reason.TOO_LONG;
            case DictionaryRule.ERROR_CODE, DictionaryRule.ERROR_CODE_REVERSED -> Reason.COMMON;
            default -> Reason.CONTAINS_USERNAME;
          });
    }
    return new ArrayList<>(reasons);
  }

  private static String[] commonPasswords() {
    InputStream in = PasswordRules.class.getResourceAsStream(COMMON_PASSWORDS);
    if (in == null) {
      throw new IllegalStateException(
          "the list of common passwords is missing: " + COMMON_PASSWORDS);
    }
    try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return reader
          .lines()
          .map(String::strip)
          .filter(line -> !line.isEmpty())
          .map(line -> line.toLowerCase(java.util.Locale.ROOT))
          .distinct()
          .toArray(String[]::new);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
