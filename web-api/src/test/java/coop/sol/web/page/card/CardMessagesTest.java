package coop.sol.web.page.card;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.web.audit.AuditAction;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The card pages' own texts ({@code i18n/card*.properties}): the same keys in French and English,
 * apostrophes doubled where there are arguments, a label for every card audit action in both.
 */
class CardMessagesTest {
  private static final Pattern ARGUMENT = Pattern.compile("\\{\\d");
  private static final Pattern LONE_APOSTROPHE = Pattern.compile("(?<!')'(?!')");

  private static Properties load(String name) {
    Properties properties = new Properties();
    try (InputStream in = CardMessagesTest.class.getResourceAsStream("/i18n/" + name)) {
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }

  @Test
  void french_and_english_have_the_same_keys_and_every_card_audit_action_a_label() {
    Properties french = load("card.properties");
    Properties english = load("card_en.properties");
    assertThat(english.stringPropertyNames())
        .containsExactlyInAnyOrderElementsOf(french.stringPropertyNames());
    for (AuditAction action : AuditAction.values()) {
      if (action.name().startsWith("CARD_")) {
        assertThat(french.getProperty("audit.action." + action.name()))
            .as(action.name())
            .isNotBlank();
      }
    }
    for (Properties messages : new Properties[] {french, english}) {
      for (String key : messages.stringPropertyNames()) {
        String text = messages.getProperty(key);
        if (ARGUMENT.matcher(text).find()) {
          assertThat(LONE_APOSTROPHE.matcher(text).find()).as(key).isFalse();
        }
      }
    }
  }
}
