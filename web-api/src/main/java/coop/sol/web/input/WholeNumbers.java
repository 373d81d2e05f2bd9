package coop.sol.web.input;

import java.beans.PropertyEditorSupport;
import java.util.function.Function;
import org.springframework.beans.PropertyEditorRegistrar;
import org.springframework.beans.PropertyEditorRegistry;

/**
 * Whole numbers of paths, query parameters and form fields ({@code /accounts/{id}}, {@code
 * ?limit=}), for every controller: an optional minus sign and ASCII digits, nothing else. Spring's
 * own conversion reads {@code ٣} (an Arabic-Indic three), {@code ３}, {@code 0x3}, {@code #3},
 * {@code +3} and {@code 1 2} as numbers, so that one account had many addresses. A refused value is
 * a type mismatch, answered 400 INVALID_PARAMETER as for any id that is not a number; an empty one
 * is no value (null), except for a primitive.
 *
 * <p>An editor registered on every data binder rather than a converter: Spring falls back to its
 * default number editors when a converter refuses a value, so a converter cannot refuse. It is
 * registered by the controllers' binding initializer ({@link InputConfiguration}) rather than by an
 * {@code @InitBinder} method of a controller advice: Spring MVC invokes such a method by reflection
 * for every binder, which was 2–5 % of a balance read's CPU (async-profiler under wrk).
 */
final class WholeNumbers implements PropertyEditorRegistrar {

  @Override
  public void registerCustomEditors(PropertyEditorRegistry registry) {
    registry.registerCustomEditor(long.class, new Editor(Long::parseLong, 19, false));
    registry.registerCustomEditor(Long.class, new Editor(Long::parseLong, 19, true));
    registry.registerCustomEditor(int.class, new Editor(Integer::parseInt, 10, false));
    registry.registerCustomEditor(Integer.class, new Editor(Integer::parseInt, 10, true));
  }

  /**
   * {@code text} if it is {@code -?[0-9]{1,maxDigits}} (the parse then refuses values out of the
   * type's range).
   *
   * @throws IllegalArgumentException otherwise
   */
  static String checked(String text, int maxDigits) {
    int start = text.startsWith("-") ? 1 : 0;
    int digits = text.length() - start;
    if (digits < 1 || digits > maxDigits) {
      throw new IllegalArgumentException("not a whole number");
    }
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException("not a whole number of ASCII digits");
      }
    }
    return text;
  }

  static final class Editor extends PropertyEditorSupport {
    private final Function<String, ? extends Number> parse;
    private final int maxDigits;
    private final boolean emptyIsNull;

    Editor(Function<String, ? extends Number> parse, int maxDigits, boolean emptyIsNull) {
      this.parse = parse;
      this.maxDigits = maxDigits;
      this.emptyIsNull = emptyIsNull;
    }

    @Override
    public void setAsText(String text) {
      if (emptyIsNull && (text == null || text.isEmpty())) {
        setValue(null);
        return;
      }
      if (text == null) {
        throw new IllegalArgumentException("no number");
      }
      setValue(parse.apply(checked(text, maxDigits)));
    }

    @Override
    public String getAsText() {
      Object value = getValue();
      return value == null ? "" : value.toString();
    }
  }
}
