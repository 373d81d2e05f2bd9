package coop.sol.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class LaunchOptionsTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private LaunchOptions.Launch parse(String... args) {
    return LaunchOptions.parse(args, new PrintWriter(out), new PrintWriter(err));
  }

  @Test
  void help_prints_the_options_and_the_main_settings_and_starts_nothing() {
    for (String help : new String[] {"--help", "-h"}) {
      LaunchOptions.Launch launch = parse(help, "--server.port=9090");
      assertThat(launch.starts()).isFalse();
      assertThat(launch.exitCode()).isZero();
    }
    assertThat(out.toString())
        .contains("Usage", "--demo", "--create-admin=NOM", "--verify-journal", "--help")
        .contains("--server.port", "SOL_DATA_DIR", "SOL_DATABASE_URL", "SOL_ADMIN_PASSWORD")
        .contains("Codes de sortie");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void unknown_options_and_stray_arguments_are_usage_errors() {
    for (String[] args :
        new String[][] {
          {"--bogus"},
          {"--demo", "--verbose"},
          {"-demo"},
          {"demo"},
          {"--demo=yes"},
          {"--create-admin"},
          {"--create-admin=root", "--verify-journal"},
          {"--server.port=9090", "--help-me"}
        }) {
      LaunchOptions.Launch launch = parse(args);
      assertThat(launch.starts()).as(String.join(" ", args)).isFalse();
      assertThat(launch.exitCode()).as(String.join(" ", args)).isEqualTo(2);
    }
    assertThat(err.toString()).contains("--bogus", "Usage", "--create-admin=NOM");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void spring_properties_pass_as_given_and_sol_options_as_its_runners_read_them() {
    LaunchOptions.Launch launch =
        parse(
            "--server.port=9090",
            "--demo",
            "--spring.datasource.url=jdbc:postgresql://db/sol",
            "--SOL_DATA_DIR=/srv/sol",
            "--debug",
            "--sol.jobs.enabled");
    assertThat(launch.starts()).isTrue();
    assertThat(launch.springArgs())
        .containsExactly(
            "--server.port=9090",
            "--spring.datasource.url=jdbc:postgresql://db/sol",
            "--SOL_DATA_DIR=/srv/sol",
            "--debug",
            "--sol.jobs.enabled",
            "--demo");

    assertThat(parse("--create-admin", "root", "--sol.data-dir=/x").springArgs())
        .containsExactly("--sol.data-dir=/x", "--create-admin=root");
    assertThat(parse("--verify-journal").springArgs()).containsExactly("--verify-journal");
    assertThat(parse().springArgs()).isEmpty();
    assertThat(parse("--demo=false").springArgs()).isEmpty();
    assertThat(SolApplication.isCommand(parse("--create-admin", "root").springArgs())).isTrue();
  }
}
