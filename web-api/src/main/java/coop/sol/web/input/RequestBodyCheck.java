package coop.sol.web.input;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * The checks of {@link FreeText} and {@link Dates} on every JSON request body, once it is read and
 * before the controller runs: each string (of a record's components, at any depth, in lists and
 * maps, keys included) and each date or instant, named by its path ({@code memo}, {@code
 * legs.0.memo}). A refused value answers its problem (INVALID_TEXT, INVALID_PERIOD) and nothing is
 * done. Applied here rather than in the application's JSON mapper, which also reads what the
 * installation wrote itself (audit details, the demo's credentials).
 */
@ControllerAdvice
class RequestBodyCheck extends RequestBodyAdviceAdapter {
  /** Request bodies are a few records deep; anything deeper is not walked further. */
  private static final int MAX_DEPTH = 16;

  @Override
  public boolean supports(
      MethodParameter parameter,
      Type targetType,
      Class<? extends HttpMessageConverter<?>> converterType) {
    return true;
  }

  @Override
  public Object afterBodyRead(
      Object body,
      HttpInputMessage inputMessage,
      MethodParameter parameter,
      Type targetType,
      Class<? extends HttpMessageConverter<?>> converterType) {
    check("", body, 0);
    return body;
  }

  static void check(String path, Object value, int depth) {
    if (value == null || depth > MAX_DEPTH) {
      return;
    }
    String name = path.isEmpty() ? "body" : path;
    if (value instanceof String text) {
      FreeText.check(name, text);
    } else if (value instanceof LocalDate day) {
      Dates.supported(name, day);
    } else if (value instanceof Instant instant) {
      Dates.supported(name, instant);
    } else if (value instanceof Collection<?> values) {
      int index = 0;
      for (Object element : values) {
        check(join(path, Integer.toString(index++)), element, depth + 1);
      }
    } else if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        String key = String.valueOf(entry.getKey());
        check(name, key, depth + 1);
        check(join(path, key), entry.getValue(), depth + 1);
      }
    } else if (value instanceof Record record) {
      for (RecordComponent component : record.getClass().getRecordComponents()) {
        check(join(path, component.getName()), read(record, component), depth + 1);
      }
    }
  }

  private static Object read(Record record, RecordComponent component) {
    Method accessor = component.getAccessor();
    try {
      accessor.setAccessible(true); // request records are package-private
      return accessor.invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + component, e);
    }
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
