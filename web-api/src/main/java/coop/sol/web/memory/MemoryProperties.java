package coop.sol.web.memory;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When the application gives unused memory back to the system ({@code sol.memory.*}).
 *
 * @param trimWhenIdle whether it does at all
 * @param idleAfter how long the JVM must go without a garbage collection, after some activity,
 *     before the application counts as idle and trims its memory (one full collection, then the C
 *     library's free lists)
 */
@ConfigurationProperties("sol.memory")
public record MemoryProperties(
    @DefaultValue("true") boolean trimWhenIdle, @DefaultValue("15s") Duration idleAfter) {

  public MemoryProperties {
    if (idleAfter.isNegative() || idleAfter.isZero()) {
      throw new IllegalArgumentException("sol.memory.idle-after must be positive");
    }
  }
}
