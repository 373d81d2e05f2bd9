package coop.sol.ledger.operation;

import coop.sol.ledger.transfer.RejectionReason;
import java.util.function.Function;

/**
 * What became of an operation: done (with what it recorded), refused by a rule of the operation, or
 * rejected by the ledger. Business outcomes are values; exceptions are left for bugs and broken
 * infrastructure.
 *
 * @param <T> what a completed operation reports (an event, named in the past tense)
 */
public sealed interface Outcome<T> {

  /** The operation is recorded (its transfers, if any, are posted and durable). */
  record Done<T>(T value) implements Outcome<T> {}

  /** An operation rule refused it; nothing was posted. */
  record Refused<T>(OperationReason reason) implements Outcome<T> {}

  /** The ledger rejected its transfers; nothing was posted. */
  record Rejected<T>(RejectionReason reason) implements Outcome<T> {}

  static <T> Outcome<T> done(T value) {
    return new Done<>(value);
  }

  static <T> Outcome<T> refused(OperationReason reason) {
    return new Refused<>(reason);
  }

  static <T> Outcome<T> rejected(RejectionReason reason) {
    return new Rejected<>(reason);
  }

  default boolean isDone() {
    return this instanceof Done;
  }

  /** The value of a completed operation; throws for a refusal or a rejection (tests, scripts). */
  default T orElseThrow() {
    if (this instanceof Done<T> done) {
      return done.value();
    }
    throw new IllegalStateException("operation not done: " + this);
  }

  /** This refusal or rejection, as the outcome of an operation of another type. */
  default <U> Outcome<U> failure() {
    if (this instanceof Refused<T> refused) {
      return new Refused<>(refused.reason());
    }
    if (this instanceof Rejected<T> rejected) {
      return new Rejected<>(rejected.reason());
    }
    throw new IllegalStateException("a completed operation is not a failure");
  }

  /** The same refusal or rejection with another value type; a Done is mapped. */
  default <U> Outcome<U> map(Function<? super T, ? extends U> f) {
    if (this instanceof Done<T> done) {
      return new Done<>(f.apply(done.value()));
    }
    if (this instanceof Refused<T> refused) {
      return new Refused<>(refused.reason());
    }
    return new Rejected<>(((Rejected<T>) this).reason());
  }
}
