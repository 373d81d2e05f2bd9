package coop.sol.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

class InstantJsonTest {
  private final JsonMapper withInstantJson =
      JsonMapper.builder()
          .addModule(new SimpleModule().addSerializer(Instant.class, new InstantJson()))
          .build();
  private final JsonMapper jacksonAlone = JsonMapper.builder().build();

  @Test
  void writesWhatTheIsoFormatterWrites() {
    qt().withExamples(20_000)
        .forAll(
            longs().between(-70_000_000_000L, 260_000_000_000L),
            integers().between(0, 999_999_999),
            integers().between(0, 2))
        .checkAssert(
            (seconds, nanos, rounding) -> {
              // whole seconds, milliseconds and microseconds are what the clock and PostgreSQL
              // give; any nanosecond is allowed
              int fraction =
                  switch (rounding) {
                    case 0 -> nanos - nanos % 1_000_000;
                    case 1 -> nanos - nanos % 1_000;
                    default -> nanos;
                  };
              Instant instant = Instant.ofEpochSecond(seconds, fraction);
              assertThat(withInstantJson.writeValueAsString(instant))
                  .isEqualTo('"' + DateTimeFormatter.ISO_INSTANT.format(instant) + '"')
                  .isEqualTo(jacksonAlone.writeValueAsString(instant));
            });
  }

  @Test
  void writesTheEdgesAsBefore() {
    for (Instant instant :
        new Instant[] {
          Instant.EPOCH,
          Instant.EPOCH.minusNanos(1),
          Instant.parse("0000-01-01T00:00:00Z"),
          Instant.parse("0000-01-01T00:00:00Z").minusNanos(1),
          Instant.parse("9999-12-31T23:59:59.999999999Z"),
          Instant.parse("+10000-01-01T00:00:00Z"),
          Instant.parse("2024-02-29T12:00:00.100Z"),
          Instant.parse("2026-12-05T23:18:34.261708Z"),
          Instant.parse("2026-12-05T23:18:34.000000001Z"),
          Instant.MIN,
          Instant.MAX
        }) {
      assertThat(withInstantJson.writeValueAsString(Map.of("at", instant)))
          .isEqualTo(jacksonAlone.writeValueAsString(Map.of("at", instant)))
          .isEqualTo("{\"at\":\"" + instant + "\"}");
    }
  }
}
