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
    String get(String key, Object... args) {
      return messages.getMessage(key, args, key, locale);
    }

    boolean french() {
      return !locale.getLanguage().equals("en");
    }
  }
}
