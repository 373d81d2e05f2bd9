package coop.sol.web.notice;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders an email from its text template ({@code mail/<lang>/<name>.txt}: the first line is the
 * subject, the rest the body) and sends it through Spring Boot's {@link JavaMailSender}, which
 * exists only when {@code spring.mail.host} is set: without it, {@link #enabled()} is false and
 * nothing is sent. Failures are answered (and logged) by their kind and message, never with the
 * message's content or the SMTP password.
 */
@Component
public class Mailer {
  private static final Logger LOG = LoggerFactory.getLogger(Mailer.class);

  private final ObjectProvider<JavaMailSender> sender;
  private final String from;
  private final SpringTemplateEngine templates = new SpringTemplateEngine();

  Mailer(ObjectProvider<JavaMailSender> sender, Environment environment) {
    this.sender = sender;
    this.from = environment.getProperty("sol.mail.from", "SOL <no-reply@localhost>");
    var resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix("mail/");
    resolver.setSuffix(".txt");
    resolver.setTemplateMode(TemplateMode.TEXT);
    resolver.setCharacterEncoding("UTF-8");
    resolver.setCacheable(true);
    templates.setTemplateResolver(resolver);
  }

  /** Whether the installation sends email at all (SMTP configured). */
  public boolean enabled() {
    return sender.getIfAvailable() != null;
  }

  /** The language of the templates for a person's choice: "en", else French. */
  static String language(Optional<String> chosen) {
    return chosen.filter("en"::equals).orElse("fr");
  }

  /** Subject and body of template {@code name} in {@code language}, with {@code model}. */
  Rendered render(String language, String name, Map<String, Object> model) {
    var context = new Context(Locale.forLanguageTag(language), model);
    String text = templates.process(language + "/" + name, context).strip();
    int end = text.indexOf('\n');
    return new Rendered(text.substring(0, end).strip(), text.substring(end + 1).strip() + "\n");
  }

  record Rendered(String subject, String body) {}

  /**
   * Sends one email; empty when the SMTP server accepted it, else why not (for the outbox's record
   * and the log: the kind of failure and its message, no address, content or secret).
   */
  Optional<String> send(String to, Rendered mail, String what) {
    JavaMailSender smtp = sender.getIfAvailable();
    if (smtp == null) {
      return Optional.of("no SMTP server configured");
    }
    var message = new SimpleMailMessage();
    message.setFrom(from);
    message.setTo(to);
    message.setSubject(mail.subject());
    message.setText(mail.body());
    try {
      smtp.send(message);
      return Optional.empty();
    } catch (MailException e) {
      String why = e.getClass().getSimpleName() + ": " + rootMessage(e);
      LOG.warn("Email not sent ({}): {}", what, why);
      return Optional.of(why);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message = String.valueOf(t.getMessage());
    return message.length() > 300 ? message.substring(0, 300) : message;
  }
}
