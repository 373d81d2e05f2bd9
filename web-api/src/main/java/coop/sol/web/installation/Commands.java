package coop.sol.web.installation;

/**
 * The command-line options that make a start of SOL a one-off command (or a demo), named once for
 * the launcher and for the beans that act on them.
 */
public final class Commands {
  /** Creates an administrator instead of serving requests. */
  public static final String CREATE_ADMIN = "create-admin";

  /** Verifies every network's journal instead of serving requests. */
  public static final String VERIFY_JOURNAL = "verify-journal";

  /** Seeds the demo network (or property {@code sol.demo=true}). */
  public static final String DEMO = "demo";

  private Commands() {}
}
