package coop.sol.web.report;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** The reports' texts in French or English ({@code i18n/reports_*.properties}). */
@Component
class ReportMessages {
  private final MessageSource messages;

  ReportMessages(MessageSource messages) {
    this.messages = messages;
  }

  /** A bound view for one locale. */
  Texts in(Locale locale) {
    return new Texts(messages, locale);
  }

  record Texts(MessageSource messages, Locale locale) {
    /**
     * The text of {@code key}, its arguments formatted. Without arguments Spring does not run the
     * text through MessageFormat, so the bundles' doubled apostrophes ({@code l''achat}) are
     * undoubled here, and every text of the bundles follows MessageFormat's quoting rule.
     */
    String get(String key, Object... args) {
      if (args.length == 0) {
        return messages.getMessage(key, null, key, locale).replace("''", "'");
      }
      return messages.getMessage(key, args, key, locale);
    }

    boolean french() {
      return !locale.getLanguage().equals("en");
    }
  }
}
