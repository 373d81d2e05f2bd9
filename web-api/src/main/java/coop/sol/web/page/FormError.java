package coop.sol.web.page;

import java.io.Serializable;
import java.util.List;

/**
 * A form's error, shown in the error summary above it (linking to the field) and beside the field.
 *
 * @param field the id of the field it is about, or null for the form as a whole
 * @param messageKey the message, in {@code i18n/*.properties}
 * @param arguments the message's arguments ({0}, {1}...), already in the user's language
 */
public record FormError(String field, String messageKey, List<String> arguments)
    implements Serializable {
  public FormError {
    arguments = List.copyOf(arguments);
  }

  public FormError(String field, String messageKey) {
    this(field, messageKey, List.of());
  }

  public FormError(String field, String messageKey, String argument) {
    this(field, messageKey, List.of(argument));
  }
}
