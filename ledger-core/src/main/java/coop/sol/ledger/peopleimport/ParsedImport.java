package coop.sol.ledger.peopleimport;

import java.util.List;

/**
 * What {@link PeopleCsv} read: the file's problems (if any, nothing of it may be imported), and
 * each line of people with its own problems (a line with any is skipped).
 *
 * @param sha256 the file's SHA-256, in hex (what the audit log keeps of it)
 */
public record ParsedImport(List<LineProblem> fileProblems, List<Line> lines, String sha256) {
  public ParsedImport {
    fileProblems = List.copyOf(fileProblems);
    lines = List.copyOf(lines);
  }

  /**
   * One line of people.
   *
   * @param username as typed (stripped), for the report; may be empty
   * @param person the person, or null when the line has problems
   */
  public record Line(int line, String username, ImportLine person, List<LineProblem> problems) {
    public Line {
      problems = List.copyOf(problems);
    }

    public boolean valid() {
      return problems.isEmpty();
    }
  }

  public boolean readable() {
    return fileProblems.isEmpty();
  }
}
