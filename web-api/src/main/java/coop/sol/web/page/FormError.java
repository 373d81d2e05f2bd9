package coop.sol.web.page;

import java.io.Serializable;

/**
 * A form's error, shown in the error summary above it (linking to the field) and beside the field.
 *
 * @param field the id of the field it is about, or null for the form as a whole
 * @param messageKey the message, in {@code i18n/messages*.properties}
 */
public record FormError(String field, String messageKey) implements Serializable {}
