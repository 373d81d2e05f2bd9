package coop.sol.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The pages' texts ({@code i18n/messages*.properties}): every key in French and English, and every
 * key the templates name exists in some bundle.
 */
class MessagesTest {
  private static final Pattern TEMPLATE_KEY = Pattern.compile("#\\{([A-Za-z][A-Za-z0-9_.]*)[}(]");
  private static final Pattern ARGUMENT = Pattern.compile("\\{\\d");
  private static final Pattern LONE_APOSTROPHE = Pattern.compile("(?<!')'(?!')");

  private static Properties load(String name) {
    Properties properties = new Properties();
    try (InputStream in = MessagesTest.class.getResourceAsStream("/i18n/" + name)) {
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }

  @Test
  void french_and_english_have_the_same_keys() {
    assertThat(load("messages_en.properties").stringPropertyNames())
        .containsExactlyInAnyOrderElementsOf(load("messages.properties").stringPropertyNames());
  }

  @Test
  void the_tills_and_the_coordinators_own_bundles_have_the_same_keys_in_french_and_english() {
    for (String bundle : new String[] {"till", "coordinator", "memberpay"}) {
      assertThat(load(bundle + "_en.properties").stringPropertyNames())
          .as(bundle)
          .containsExactlyInAnyOrderElementsOf(load(bundle + ".properties").stringPropertyNames());
    }
  }

  @Test
  void every_audit_action_has_a_label_in_both_languages() {
    // the audit page resolves labels through every bundle: the coordinators' and the cards' hold
    // them
    for (String suffix : new String[] {".properties", "_en.properties"}) {
      String bundle = "coordinator" + suffix;
      Properties labels = load(bundle);
      labels.putAll(load("card" + suffix));
      for (var action : coop.sol.web.audit.AuditAction.values()) {
        assertThat(labels.getProperty("audit.action." + action.name()))
            .as("%s: %s", bundle, action)
            .isNotBlank();
      }
    }
  }

  @Test
  void messages_with_arguments_double_their_apostrophes() {
    for (String file :
        new String[] {
          "messages.properties",
          "messages_en.properties",
          "till.properties",
          "till_en.properties",
          "memberpay.properties",
          "memberpay_en.properties"
        }) {
      Properties messages = load(file);
      for (String key : messages.stringPropertyNames()) {
        String text = messages.getProperty(key);
        if (ARGUMENT.matcher(text).find()) {
          assertThat(LONE_APOSTROPHE.matcher(text).find()).as("%s: %s", file, key).isFalse();
        }
      }
    }
  }

  @Test
  void every_key_a_template_names_exists() throws IOException {
    // every bundle of spring.messages.basename: messages, and other pages' own (coordinator...)
    Set<String> keys = new TreeSet<>();
    try (Stream<Path> bundles = Files.list(Path.of("src/main/resources/i18n"))) {
      for (Path bundle : bundles.toList()) {
        String name = bundle.getFileName().toString();
        if (name.endsWith(".properties") && !name.contains("_")) {
          keys.addAll(load(name).stringPropertyNames());
        }
      }
    }
    Set<String> missing = new TreeSet<>();
    try (Stream<Path> templates = Files.walk(Path.of("src/main/resources/templates"))) {
      for (Path template : templates.filter(p -> p.toString().endsWith(".html")).toList()) {
        Matcher key = TEMPLATE_KEY.matcher(Files.readString(template));
        while (key.find()) {
          if (!keys.contains(key.group(1))) {
            missing.add(template.getFileName() + ": " + key.group(1));
          }
        }
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void every_stable_code_a_refusal_can_carry_reads_in_plain_words_in_both_languages() {
    // the ledger's reasons, the operations' and the API's own codes: a page shows each by name
    Set<String> codes = new TreeSet<>();
    for (Enum<?> code : coop.sol.ledger.transfer.RejectionReason.values()) {
      codes.add(code.name());
    }
    for (Enum<?> code : coop.sol.ledger.operation.OperationReason.values()) {
      codes.add(code.name());
    }
    for (Enum<?> code : coop.sol.web.problem.ProblemCode.values()) {
      codes.add(code.name());
    }
    for (String[] language :
        new String[][] {
          {
            "messages.properties",
            "coordinator.properties",
            "card.properties",
            "memberpay.properties"
          },
          {
            "messages_en.properties",
            "coordinator_en.properties",
            "card_en.properties",
            "memberpay_en.properties"
          }
        }) {
      Set<String> keys = new TreeSet<>();
      for (String bundle : language) {
        keys.addAll(load(bundle).stringPropertyNames());
      }
      assertThat(codes)
          .as("codes without a message in %s", language[0])
          .allMatch(code -> keys.contains("problem." + code));
    }
  }
}
