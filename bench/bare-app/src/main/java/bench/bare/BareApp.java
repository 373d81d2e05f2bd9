package bench.bare;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The bare reference: what Spring Boot and Spring Security cost with nothing of SOL's. Security's
 * default filter chain with every request permitted; one handler that answers a small JSON record.
 */
@SpringBootApplication
@RestController
public class BareApp {
  /** The trivial handler's answer. */
  public record Hello(String hello, long at) {}

  public static void main(String[] args) {
    SpringApplication.run(BareApp.class, args);
  }

  @GetMapping("/hello")
  Hello hello() {
    return new Hello("world", 1L);
  }

  @Bean
  SecurityFilterChain security(HttpSecurity http) throws Exception {
    return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll()).build();
  }
}
