package coop.sol.web.memory;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Looks every five seconds whether the server has gone idle, and trims its memory if so ({@link
 * IdleMemoryTrim}). Only a server has it (a one-shot command exits first); {@code
 * sol.memory.trim-when-idle=false} turns it off.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnWebApplication
@ConditionalOnBooleanProperty(name = "sol.memory.trim-when-idle", matchIfMissing = true)
class MemoryConfiguration {
  private static final Logger log = LoggerFactory.getLogger(MemoryConfiguration.class);
  private final IdleMemoryTrim trim;

  MemoryConfiguration(MemoryProperties properties) {
    HeapTrim heap = HeapTrim.ofThisJvm();
    this.trim =
        new IdleMemoryTrim(
            properties.idleAfter(),
            MemoryConfiguration::collections,
            ManagementFactory.getThreadMXBean()::getThreadCount,
            System::nanoTime,
            heap::run);
  }

  @Scheduled(initialDelay = 5_000, fixedDelay = 5_000)
  void trimWhenIdle() {
    trim.check().ifPresent(outcome -> log.debug("Idle, memory trimmed: {}", outcome));
  }

  private static long collections() {
    long count = 0;
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      count += Math.max(0, collector.getCollectionCount());
    }
    return count;
  }
}
