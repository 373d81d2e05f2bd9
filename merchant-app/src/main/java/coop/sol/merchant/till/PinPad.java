package coop.sol.merchant.till;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/**
 * Where the holder of a member card types their PIN at the command-line till: the terminal, without
 * echo. Tests (and a till without a terminal) give their own.
 */
@FunctionalInterface
public interface PinPad {

  /**
   * The PIN typed after {@code prompt}; the caller wipes the array once used.
   *
   * @return empty if nothing was typed
   */
  char[] read(String prompt, PrintWriter out) throws IOException;

  /**
   * The terminal's, without echo ({@link Console#readPassword}); without a terminal (input piped),
   * a line of the standard input, which the till says is not hidden.
   */
  static PinPad terminal() {
    return (prompt, out) -> {
      Console console = System.console();
      if (console != null) {
        char[] typed = console.readPassword("%s", prompt);
        return typed == null ? new char[0] : typed;
      }
      out.println("(pas de terminal : code PIN lu sur l'entrée standard, sans masquage)");
      out.print(prompt);
      out.flush();
      String line =
          new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset())).readLine();
      return line == null ? new char[0] : line.strip().toCharArray();
    };
  }
}
