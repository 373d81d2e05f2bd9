package coop.sol.ledger.peopleimport;

/**
 * Why a file or one of its lines cannot be imported: a stable code, which clients and the messages
 * (peopleimport.problem.CODE) use. A file problem stops the whole import; a line problem skips that
 * line only.
 */
public enum ImportProblem {
  // --- the file
  /** Not UTF-8 (the line of the first byte that is not). */
  ENCODING,
  /** No header line, or no line of people. */
  EMPTY_FILE,
  /** More lines than an import takes ({@link PeopleCsv#MAX_LINES}). */
  TOO_MANY_LINES,
  /** A required column is not in the header. */
  MISSING_COLUMN,
  /** A header names no documented column (a typo would otherwise drop a column silently). */
  UNKNOWN_COLUMN,
  /** The header names a column twice. */
  DUPLICATE_COLUMN,
  /** Not CSV: a quote left open, a character after a closing quote. */
  MALFORMED_CSV,
  // --- a line
  /** The line has not as many fields as the header. */
  FIELD_COUNT,
  /** A required field is empty. */
  REQUIRED,
  /** A field is longer than its column allows. */
  TOO_LONG,
  /** A field holds a control character (a tab, a NUL...). */
  CONTROL_CHARACTER,
  INVALID_USERNAME,
  INVALID_EMAIL,
  INVALID_LANGUAGE,
  UNKNOWN_ROLE,
  /** A role listed twice on the line. */
  DUPLICATE_ROLE,
  /** The username is on an earlier line of the file. */
  DUPLICATE_USERNAME,
  /** Not a decimal amount ≥ 0 with at most the strand's decimals. */
  INVALID_AMOUNT,
  /** An opening balance in a strand none of the line's roles has an account in. */
  NO_ACCOUNT_IN_STRAND,
  /** A cashier without the merchant they work for. */
  MERCHANT_REQUIRED,
  /** The cashier's merchant is neither a merchant of the network nor on an earlier line. */
  UNKNOWN_MERCHANT,
  /** Merchant listing fields on a line without the MERCHANT role. */
  PROFILE_WITHOUT_MERCHANT,
  /** A merchant listing field that cannot be stored (a phone with letters, a website not http). */
  INVALID_PROFILE,
  /** A merchant category the network does not have. */
  UNKNOWN_CATEGORY,
  /** The username belongs to someone who has no role in this network. */
  USERNAME_TAKEN,
  /** The network's system accounts or rates are not set up: opening balances cannot be posted. */
  NETWORK_NOT_SET_UP,
  /** Enrolment refused the line (the API's problem code in the message). */
  ENROLMENT_REFUSED,
  /** An earlier import posted a different opening balance for this person and strand. */
  OPENING_BALANCE_DIFFERS,
  /** The ledger refused the opening balance (the reason in the message). */
  OPENING_BALANCE_REFUSED
}
