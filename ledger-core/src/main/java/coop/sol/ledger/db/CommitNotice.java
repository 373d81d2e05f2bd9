package coop.sol.ledger.db;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A PostgreSQL notice ({@code pg_notify(channel, payload)}) that a store sends inside the
 * transaction it belongs to: PostgreSQL delivers a transaction's notices when it commits, and never
 * if it rolls back. So the listeners learn of a change exactly when it becomes true, and a process
 * that dies after the commit cannot leave it untold (as a notice sent after the commit could).
 *
 * @param channel the channel listened to
 * @param payload the notice's text (under PostgreSQL's 8,000 bytes)
 */
public record CommitNotice(String channel, String payload) {
  public CommitNotice {
    Objects.requireNonNull(channel);
    Objects.requireNonNull(payload);
    if (channel.isBlank() || payload.getBytes(StandardCharsets.UTF_8).length >= 8_000) {
      throw new IllegalArgumentException("a notice needs a channel and a payload under 8000 bytes");
    }
  }
}
