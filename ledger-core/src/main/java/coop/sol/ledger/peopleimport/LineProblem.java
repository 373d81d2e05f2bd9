package coop.sol.ledger.peopleimport;

import java.util.List;
import java.util.Objects;

/**
 * A problem of the file ({@code line} 0 when it is the whole file's) or of one of its lines.
 *
 * @param line the line's number as a spreadsheet shows it (the header is line 1)
 * @param column the column's documented (English) name, or null
 * @param code the stable code
 * @param arguments what the message shows besides (a limit, a value), never a secret
 */
public record LineProblem(int line, String column, ImportProblem code, List<String> arguments) {
  public LineProblem {
    Objects.requireNonNull(code, "code");
    arguments = List.copyOf(arguments);
  }

  static LineProblem of(int line, ImportColumn column, ImportProblem code, Object... arguments) {
    return new LineProblem(
        line,
        column == null ? null : column.english(),
        code,
        java.util.Arrays.stream(arguments).map(String::valueOf).toList());
  }
}
