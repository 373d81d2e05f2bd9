package coop.sol.web.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

class QueryParametersTest {
  private final MockHttpServletRequest request = new MockHttpServletRequest();

  @Test
  void absent_parameters_are_null_and_empty_numbers_no_value() {
    request.addParameter("limit", "");
    assertThat(query().text("from")).isNull();
    assertThat(query().texts("code")).isNull();
    assertThat(query().wholeLong("before")).isNull();
    assertThat(query().wholeInt("limit")).isNull();
  }

  @Test
  void numbers_are_ascii_whole_numbers_in_their_type() {
    request.addParameter("before", "9223372036854775807");
    request.addParameter("limit", "-20");
    assertThat(query().wholeLong("before")).isEqualTo(Long.MAX_VALUE);
    assertThat(query().wholeInt("limit")).isEqualTo(-20);
  }

  @Test
  void a_refused_number_is_a_type_mismatch_naming_the_parameter() {
    request.addParameter("limit", "2147483648");
    request.addParameter("before", "٣");
    request.addParameter("twice", "1", "2");
    assertMismatch("limit", () -> query().wholeInt("limit"));
    assertMismatch("before", () -> query().wholeLong("before"));
    assertMismatch("twice", () -> query().wholeLong("twice"));
  }

  private static void assertMismatch(String name, Runnable read) {
    assertThatThrownBy(read::run)
        .as(name)
        .isInstanceOfSatisfying(
            MethodArgumentTypeMismatchException.class,
            e -> assertThat(e.getName()).isEqualTo(name));
  }

  @Test
  void a_text_given_twice_is_its_values_joined_by_commas() {
    request.addParameter("from", "a", "b");
    request.addParameter("to", "c");
    assertThat(query().text("from")).isEqualTo("a,b");
    assertThat(query().text("to")).isEqualTo("c");
  }

  @Test
  void a_list_given_once_is_split_at_its_commas_and_repeated_values_are_kept_whole() {
    request.addParameter("code", " PAYMENT, REFUND ");
    request.addParameter("other", "A,B", "C");
    request.addParameter("empty", "");
    assertThat(query().texts("code")).containsExactly("PAYMENT", "REFUND");
    assertThat(query().texts("other")).containsExactly("A,B", "C");
    assertThat(query().texts("empty")).isEmpty();
  }

  private QueryParameters query() {
    return QueryParameters.of(new ServletWebRequest(request), parameter());
  }

  private static MethodParameter parameter() {
    try {
      Method method = QueryParametersTest.class.getDeclaredMethod("handler", Object.class);
      return new MethodParameter(method, 0);
    } catch (NoSuchMethodException e) {
      throw new AssertionError(e);
    }
  }

  @SuppressWarnings("unused")
  private static void handler(Object params) {}
}
