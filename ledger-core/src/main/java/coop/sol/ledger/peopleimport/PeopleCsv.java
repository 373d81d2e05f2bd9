package coop.sol.ledger.peopleimport;

import coop.sol.ledger.account.HolderAccounts;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.directory.MerchantProfile;
import coop.sol.ledger.money.Decimals;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads an import file strictly: UTF-8 (with or without a byte order mark), fields separated by ";"
 * or "," (whichever the header line has more of, outside quotes), quoted the CSV way (RFC 4180, as
 * spreadsheets write it). Every problem is reported with its line and column, not only the first:
 * the file's (then no line is read) and each line's (then that line is skipped).
 *
 * <p>Amounts are decimals with a "." or, the French way, a single "," ("12,50"), at most the
 * strand's decimals, parsed exactly into minor units ({@link Decimals}); never floating point. An
 * empty amount or zero means no opening balance.
 */
public final class PeopleCsv {
  /** The most lines of people an import takes. */
  public static final int MAX_LINES = 5_000;

  /** The names of the roles the import gives itself meaning to. */
  static final String CASHIER = "CASHIER";

  static final String MERCHANT = "MERCHANT";

  /** The database's CHECK on app_user.username. */
  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,62}");

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,189}");
  private static final Pattern LIST_SEPARATOR = Pattern.compile("\\s*[|+]\\s*");
  private static final Pattern FRENCH_DECIMAL = Pattern.compile("\\d+,\\d+");
  private static final Set<ImportColumn> LISTING =
      EnumSet.of(
          ImportColumn.TRADING_NAME,
          ImportColumn.CATEGORY,
          ImportColumn.ADDRESS,
          ImportColumn.TOWN,
          ImportColumn.PHONE,
          ImportColumn.WEBSITE,
          ImportColumn.OPENING_HOURS,
          ImportColumn.DESCRIPTION);

  private final Map<String, String> roleNames;
  private final Map<String, OwnerKind> roleAccounts;

  /**
   * @param roleNames each accepted spelling of a role (upper case) to its name (MEMBER, CASHIER...)
   * @param roleAccounts each role's name to the kind of accounts it holds (roles without accounts
   *     are left out)
   */
  public PeopleCsv(Map<String, String> roleNames, Map<String, OwnerKind> roleAccounts) {
    this.roleNames = Map.copyOf(roleNames);
    this.roleAccounts = Map.copyOf(roleAccounts);
  }

  /** Reads the file for {@code network} (its strands' scales, its listings). */
  public ParsedImport parse(byte[] file, Network network) {
    String sha256 = sha256(file);
    String text;
    try {
      text = decode(file);
    } catch (MalformedInputException e) {
      return fileProblem(sha256, lineOf(file), ImportProblem.ENCODING);
    } catch (CharacterCodingException e) {
      return fileProblem(sha256, 0, ImportProblem.ENCODING);
    }
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    if (text.isBlank()) {
      return fileProblem(sha256, 0, ImportProblem.EMPTY_FILE);
    }
    CSVFormat format =
        CSVFormat.RFC4180
            .builder()
            .setDelimiter(delimiter(text))
            .setIgnoreEmptyLines(true)
            .setIgnoreSurroundingSpaces(true)
            .get();
    List<CSVRecord> records = new ArrayList<>();
    try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
      for (CSVRecord record : parser) {
        records.add(record);
        if (records.size() > MAX_LINES + 1) {
          return fileProblem(sha256, 0, ImportProblem.TOO_MANY_LINES, MAX_LINES);
        }
      }
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      // Commons CSV says where it stopped: the line being read
      return fileProblem(sha256, linesRead(e), ImportProblem.MALFORMED_CSV);
    }
    if (records.size() < 2) {
      return fileProblem(sha256, 0, ImportProblem.EMPTY_FILE);
    }
    List<LineProblem> fileProblems = new ArrayList<>();
    Map<ImportColumn, Integer> columns = new EnumMap<>(ImportColumn.class);
    CSVRecord header = records.get(0);
    for (int i = 0; i < header.size(); i++) {
      String name = header.get(i);
      if (name.isBlank() && i == header.size() - 1 && i > 0) {
        continue; // a trailing separator, as some spreadsheets write
      }
      Optional<ImportColumn> column = ImportColumn.byHeader(name);
      if (column.isEmpty()) {
        fileProblems.add(
            new LineProblem(1, abbreviate(name), ImportProblem.UNKNOWN_COLUMN, List.of()));
      } else if (columns.putIfAbsent(column.get(), i) != null) {
        fileProblems.add(LineProblem.of(1, column.get(), ImportProblem.DUPLICATE_COLUMN));
      }
    }
    for (ImportColumn column : ImportColumn.values()) {
      if (column.required() && !columns.containsKey(column)) {
        fileProblems.add(LineProblem.of(1, column, ImportProblem.MISSING_COLUMN));
      }
    }
    if (!fileProblems.isEmpty()) {
      return new ParsedImport(fileProblems, List.of(), sha256);
    }
    LineNumbers numbers = new LineNumbers(text);
    List<ParsedImport.Line> lines = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (CSVRecord record : records.subList(1, records.size())) {
      int line = numbers.lineAt(record.getCharacterPosition());
      lines.add(line(record, line, columns, header.size(), network, seen));
    }
    return new ParsedImport(List.of(), lines, sha256);
  }

  private ParsedImport.Line line(
      CSVRecord record,
      int line,
      Map<ImportColumn, Integer> columns,
      int width,
      Network network,
      Set<String> seen) {
    List<LineProblem> problems = new ArrayList<>();
    boolean trailing = record.size() == width + 1 && record.get(width).isEmpty();
    if (record.size() != width && !trailing) {
      problems.add(LineProblem.of(line, null, ImportProblem.FIELD_COUNT, width, record.size()));
      String username =
          columns.get(ImportColumn.USERNAME) < record.size()
              ? abbreviate(record.get(columns.get(ImportColumn.USERNAME)))
              : "";
      return new ParsedImport.Line(line, username, null, problems);
    }
    Map<ImportColumn, String> values = new EnumMap<>(ImportColumn.class);
    for (var entry : columns.entrySet()) {
      ImportColumn column = entry.getKey();
      String value = record.get(entry.getValue()).strip();
      if (value.length() > column.maxLength()) {
        problems.add(LineProblem.of(line, column, ImportProblem.TOO_LONG, column.maxLength()));
        continue;
      }
      if (hasControl(value, column.lineBreaks())) {
        problems.add(LineProblem.of(line, column, ImportProblem.CONTROL_CHARACTER));
        continue;
      }
      values.put(column, value);
    }
    String username = values.getOrDefault(ImportColumn.USERNAME, "");
    String typed = username;
    if (username.isEmpty()) {
      if (!hasProblem(problems, ImportColumn.USERNAME)) {
        problems.add(LineProblem.of(line, ImportColumn.USERNAME, ImportProblem.REQUIRED));
      }
    } else if (!USERNAME.matcher(username).matches()) {
      problems.add(LineProblem.of(line, ImportColumn.USERNAME, ImportProblem.INVALID_USERNAME));
    } else if (!seen.add(username)) {
      problems.add(LineProblem.of(line, ImportColumn.USERNAME, ImportProblem.DUPLICATE_USERNAME));
    }
    String displayName = values.getOrDefault(ImportColumn.DISPLAY_NAME, "");
    if (displayName.isEmpty() && !hasProblem(problems, ImportColumn.DISPLAY_NAME)) {
      problems.add(LineProblem.of(line, ImportColumn.DISPLAY_NAME, ImportProblem.REQUIRED));
    }
    String email = emptyToNull(values.get(ImportColumn.EMAIL));
    if (email != null && !EMAIL.matcher(email).matches()) {
      problems.add(LineProblem.of(line, ImportColumn.EMAIL, ImportProblem.INVALID_EMAIL));
    }
    String language = emptyToNull(values.get(ImportColumn.LANGUAGE));
    if (language != null) {
      language = language.toLowerCase(Locale.ROOT);
      if (!language.equals("fr") && !language.equals("en")) {
        problems.add(LineProblem.of(line, ImportColumn.LANGUAGE, ImportProblem.INVALID_LANGUAGE));
      }
    }
    List<String> roles = roles(values.get(ImportColumn.ROLES), line, problems);
    String merchant = emptyToNull(values.get(ImportColumn.MERCHANT));
    if (roles.contains(CASHIER)) {
      if (merchant == null && !hasProblem(problems, ImportColumn.MERCHANT)) {
        problems.add(LineProblem.of(line, ImportColumn.MERCHANT, ImportProblem.MERCHANT_REQUIRED));
      } else if (merchant != null && !USERNAME.matcher(merchant).matches()) {
        problems.add(LineProblem.of(line, ImportColumn.MERCHANT, ImportProblem.UNKNOWN_MERCHANT));
      }
    } else {
      merchant = null;
    }
    MerchantProfile listing = null;
    Set<String> categories = new LinkedHashSet<>();
    boolean anyListing = LISTING.stream().anyMatch(c -> !values.getOrDefault(c, "").isEmpty());
    if (anyListing) {
      if (!roles.contains(MERCHANT)) {
        if (!roles.isEmpty()) {
          problems.add(
              LineProblem.of(
                  line, ImportColumn.TRADING_NAME, ImportProblem.PROFILE_WITHOUT_MERCHANT));
        }
      } else {
        String categoryList = values.getOrDefault(ImportColumn.CATEGORY, "");
        if (!categoryList.isEmpty()) {
          for (String code : LIST_SEPARATOR.split(categoryList)) {
            categories.add(code.strip().toUpperCase(Locale.ROOT));
          }
        }
        listing = listing(network, username, values, line, problems);
      }
    }
    List<ImportLine.OpeningBalance> balances = balances(network, values, roles, line, problems);
    if (!problems.isEmpty()) {
      return new ParsedImport.Line(line, abbreviate(typed), null, problems);
    }
    return new ParsedImport.Line(
        line,
        username,
        new ImportLine(
            line,
            username,
            displayName,
            email,
            language,
            roles,
            merchant,
            listing,
            categories,
            balances),
        List.of());
  }

  private List<String> roles(String list, int line, List<LineProblem> problems) {
    List<String> roles = new ArrayList<>();
    if (list == null || list.isEmpty()) {
      if (list != null) {
        problems.add(LineProblem.of(line, ImportColumn.ROLES, ImportProblem.REQUIRED));
      }
      return roles;
    }
    for (String spelled : LIST_SEPARATOR.split(list)) {
      String name = roleNames.get(spelled.strip().toUpperCase(Locale.ROOT));
      if (name == null) {
        problems.add(
            LineProblem.of(
                line, ImportColumn.ROLES, ImportProblem.UNKNOWN_ROLE, abbreviate(spelled)));
      } else if (roles.contains(name)) {
        problems.add(LineProblem.of(line, ImportColumn.ROLES, ImportProblem.DUPLICATE_ROLE, name));
      } else {
        roles.add(name);
      }
    }
    return roles;
  }

  private static MerchantProfile listing(
      Network network,
      String username,
      Map<ImportColumn, String> values,
      int line,
      List<LineProblem> problems) {
    if (values.getOrDefault(ImportColumn.TRADING_NAME, "").isEmpty()) {
      if (!hasProblem(problems, ImportColumn.TRADING_NAME)) {
        problems.add(LineProblem.of(line, ImportColumn.TRADING_NAME, ImportProblem.REQUIRED));
      }
      return null;
    }
    try {
      return new MerchantProfile(
          network.id(),
          username.isEmpty() ? "?" : username,
          values.get(ImportColumn.TRADING_NAME),
          values.getOrDefault(ImportColumn.DESCRIPTION, ""),
          values.getOrDefault(ImportColumn.ADDRESS, ""),
          values.getOrDefault(ImportColumn.TOWN, ""),
          values.getOrDefault(ImportColumn.OPENING_HOURS, ""),
          values.getOrDefault(ImportColumn.PHONE, ""),
          values.getOrDefault(ImportColumn.WEBSITE, ""),
          EnumSet.of(StrandKind.COOPERATION, StrandKind.ENGAGEMENT, StrandKind.AFFECTE));
    } catch (MerchantProfile.InvalidProfile e) {
      ImportColumn column =
          switch (e.field()) {
            case "phone" -> ImportColumn.PHONE;
            case "website" -> ImportColumn.WEBSITE;
            case "address" -> ImportColumn.ADDRESS;
            case "town" -> ImportColumn.TOWN;
            case "openingHours" -> ImportColumn.OPENING_HOURS;
            case "description" -> ImportColumn.DESCRIPTION;
            default -> ImportColumn.TRADING_NAME;
          };
      problems.add(LineProblem.of(line, column, ImportProblem.INVALID_PROFILE));
      return null;
    }
  }

  private List<ImportLine.OpeningBalance> balances(
      Network network,
      Map<ImportColumn, String> values,
      List<String> roles,
      int line,
      List<LineProblem> problems) {
    List<ImportLine.OpeningBalance> balances = new ArrayList<>();
    for (StrandKind strand : StrandKind.values()) {
      Optional<ImportColumn> column = ImportColumn.balance(strand);
      if (column.isEmpty()) {
        continue;
      }
      String text = values.getOrDefault(column.get(), "");
      if (text.isEmpty()) {
        continue;
      }
      int scale = network.scale(strand);
      long amount;
      try {
        amount =
            Decimals.parse(
                FRENCH_DECIMAL.matcher(text).matches() ? text.replace(',', '.') : text, scale);
      } catch (Decimals.InvalidDecimalException e) {
        problems.add(
            LineProblem.of(
                line, column.get(), ImportProblem.INVALID_AMOUNT, abbreviate(text), scale));
        continue;
      }
      if (amount < 0) {
        problems.add(
            LineProblem.of(
                line, column.get(), ImportProblem.INVALID_AMOUNT, abbreviate(text), scale));
        continue;
      }
      if (amount == 0) {
        continue;
      }
      Optional<OwnerKind> holder =
          roles.stream()
              .map(roleAccounts::get)
              .filter(kind -> kind != null && HolderAccounts.strands(kind).contains(strand))
              .findFirst();
      if (holder.isEmpty()) {
        if (!roles.isEmpty()) {
          problems.add(LineProblem.of(line, column.get(), ImportProblem.NO_ACCOUNT_IN_STRAND));
        }
        continue;
      }
      balances.add(new ImportLine.OpeningBalance(strand, holder.get(), amount));
    }
    return balances;
  }

  // --- the text

  private static String decode(byte[] file) throws CharacterCodingException {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    return decoder.decode(ByteBuffer.wrap(file)).toString();
  }

  /** The line of the first byte that is not UTF-8. */
  private static int lineOf(byte[] file) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(file);
    var out = java.nio.CharBuffer.allocate(file.length + 1);
    decoder.decode(in, out, true);
    int line = 1;
    for (int i = 0; i < in.position(); i++) {
      if (file[i] == '\n') {
        line++;
      }
    }
    return line;
  }

  /** ";" when the header line has more of them than of "," outside quotes, else ",". */
  static char delimiter(String text) {
    int semicolons = 0;
    int commas = 0;
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && (c == '\n' || c == '\r')) {
        break;
      } else if (!quoted && c == ';') {
        semicolons++;
      } else if (!quoted && c == ',') {
        commas++;
      }
    }
    return semicolons > commas ? ';' : ',';
  }

  private static boolean hasControl(String value, boolean lineBreaks) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (lineBreaks && (c == '\n' || c == '\r')) {
        continue;
      }
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        return true;
      }
    }
    return false;
  }

  private static boolean hasProblem(List<LineProblem> problems, ImportColumn column) {
    return problems.stream().anyMatch(p -> column.english().equals(p.column()));
  }

  private static int linesRead(Exception e) {
    // "(line 3) invalid char between encapsulated token and delimiter"
    var m = Pattern.compile("line (\\d+)").matcher(String.valueOf(e.getMessage()));
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  private static ParsedImport fileProblem(
      String sha256, int line, ImportProblem code, Object... arguments) {
    return new ParsedImport(
        List.of(LineProblem.of(line, null, code, arguments)), List.of(), sha256);
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  /** At most 40 characters of what was typed, for a report. */
  private static String abbreviate(String text) {
    String s = text.strip();
    return s.length() <= 40 ? s : s.substring(0, 39) + "…";
  }

  private static String sha256(byte[] file) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Line numbers of character offsets in the text. */
  private static final class LineNumbers {
    private final List<Integer> starts = new ArrayList<>();
    private final String text;

    LineNumbers(String text) {
      this.text = text;
      starts.add(0);
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
          starts.add(i + 1);
        }
      }
    }

    /** The line of the record read from {@code offset} (where empty lines skipped begin). */
    int lineAt(long offset) {
      int at = (int) offset;
      while (at < text.length() && (text.charAt(at) == '\r' || text.charAt(at) == '\n')) {
        at++;
      }
      int index = java.util.Collections.binarySearch(starts, at);
      return (index >= 0 ? index : -index - 2) + 1;
    }
  }
}
