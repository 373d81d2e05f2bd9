package coop.sol.web.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

class DatabaseFailuresTest {
  @Test
  void a_database_out_of_reach_or_a_read_cancelled_by_a_replica_is_an_unavailability() {
    assertThat(DatabaseFailures.isUnavailability(new SQLException("refused", "08001"))).isTrue();
    assertThat(DatabaseFailures.isUnavailability(new SQLException("shutting down", "57P01")))
        .isTrue();
    assertThat(DatabaseFailures.isUnavailability(new SQLTransientConnectionException("pool")))
        .isTrue();
    SQLException conflict =
        new SQLException(
            "canceling statement due to conflict with recovery", "40001", new Throwable());
    assertThat(
            DatabaseFailures.isUnavailability(
                new DataAccessResourceFailureException("read", conflict)))
        .isTrue();
  }

  @Test
  void a_bug_or_a_refused_value_is_not() {
    assertThat(DatabaseFailures.isUnavailability(new SQLException("syntax", "42601"))).isFalse();
    assertThat(DatabaseFailures.isUnavailability(new SQLException("check", "23514"))).isFalse();
    assertThat(DatabaseFailures.isUnavailability(new IllegalStateException("bug"))).isFalse();
  }
}
