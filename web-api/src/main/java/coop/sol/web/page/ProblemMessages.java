package coop.sol.web.page;

import coop.sol.web.problem.ApiProblemException;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** The message shown for a refusal: picked by its stable code, in the user's language. */
@Component
public class ProblemMessages {
  private final MessageSource source;

  ProblemMessages(MessageSource source) {
    this.source = source;
  }

  /** {@code problem.<CODE>} when the messages have it, else a generic refusal. */
  public String problemKey(String code) {
    String key = "problem." + code;
    return source.getMessage(key, null, null, Locale.ROOT) != null ? key : "problem.generic";
  }

  public String problemKey(ApiProblemException refusal) {
    return problemKey(refusal.code());
  }
}
