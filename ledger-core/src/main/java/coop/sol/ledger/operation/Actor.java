package coop.sol.ledger.operation;

/**
 * Who asked for an operation (changed a setting, ran the fonte, proposed or approved a correction):
 * an opaque identifier chosen by the caller, typically a username. The ledger knows nothing of
 * users; it records the string and compares it (two actors are the same person iff their ids are
 * equal).
 */
public record Actor(String id) {
  public static final int MAX_LENGTH = 100;

  public Actor {
    if (id == null || id.isBlank() || id.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("an actor id has 1 to " + MAX_LENGTH + " characters");
    }
  }

  public static Actor of(String id) {
    return new Actor(id);
  }

  @Override
  public String toString() {
    return id;
  }
}
