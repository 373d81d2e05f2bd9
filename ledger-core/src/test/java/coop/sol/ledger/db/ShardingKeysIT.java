package coop.sol.ledger.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import coop.sol.ledger.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The schema as migrated can be distributed by {@code network_id} (docs/scale-out.md): every table
 * is either distributed — its primary key, its unique keys and indexes, and its foreign keys to
 * other distributed tables lead with {@code network_id}, so each network's rows and the joins
 * between them live on one shard — or one of the tables the document lists as not distributed, read
 * from the document itself so that the two cannot disagree. A distributed table may reference a
 * reference table (Citus allows it); a reference table may reference nothing distributed.
 */
class ShardingKeysIT {
  /** The document, from the module's directory (where Failsafe runs). */
  static final Path SCALE_OUT = Path.of("..", "docs", "scale-out.md");

  private static HikariDataSource database;

  @BeforeAll
  static void migrate() {
    database = TestDatabase.newDatabase();
  }

  @AfterAll
  static void close() {
    database.close();
  }

  /** A primary, unique or foreign key: its columns in order, and what it references. */
  record Key(
      String table,
      String name,
      char type,
      List<String> columns,
      String referencedTable,
      List<String> referencedColumns) {
    boolean leadsWithNetwork() {
      return !columns.isEmpty() && columns.get(0).equals("network_id");
    }

    @Override
    public String toString() {
      return table
          + "."
          + name
          + " "
          + columns
          + (referencedTable == null ? "" : " → " + referencedTable + referencedColumns);
    }
  }

  @Test
  void every_table_is_distributed_by_network_or_named_by_the_document() throws Exception {
    Map<String, String> notDistributed = notDistributedTables();
    assertThat(notDistributed).as("the document's list of tables not distributed").isNotEmpty();
    assertThat(tables(database))
        .as("every table the document names exists")
        .containsAll(notDistributed.keySet());
    assertThat(notDistributed.values())
        .as("each is a reference table or stays on the coordinator")
        .allMatch(kind -> kind.equals("reference") || kind.equals("coordinator"));
    assertThat(tables(database))
        .as("tables distributed by network")
        .contains("transfer", "account");

    assertThat(violations(database, notDistributed)).isEmpty();
  }

  /** The check can fail: each way of breaking the layout is reported, on a database of its own. */
  @Test
  void keys_that_do_not_lead_with_the_network_are_reported() throws Exception {
    try (HikariDataSource other = TestDatabase.newDatabase();
        Connection c = other.getConnection()) {
      c.createStatement()
          .execute(
              """
              CREATE TABLE fixture_by_own_id (
                  fixture_id bigint PRIMARY KEY,
                  network_id bigint NOT NULL REFERENCES network (network_id));
              CREATE TABLE fixture_by_network (
                  network_id bigint NOT NULL,
                  fixture_id bigint NOT NULL,
                  account_id bigint NOT NULL,
                  code text NOT NULL UNIQUE,
                  PRIMARY KEY (network_id, fixture_id),
                  FOREIGN KEY (account_id, network_id) REFERENCES account (account_id, network_id));
              CREATE UNIQUE INDEX fixture_by_network_twice
                  ON fixture_by_network (fixture_id, network_id);
              CREATE TABLE fixture_without_key (network_id bigint NOT NULL);
              ALTER TABLE app_user ADD COLUMN fixture_network_id bigint,
                  ADD COLUMN fixture_account_id bigint,
                  ADD FOREIGN KEY (fixture_network_id, fixture_account_id)
                      REFERENCES account (network_id, account_id);
              """);
      assertThat(violations(other, notDistributedTables()))
          .containsExactlyInAnyOrder(
              "primary key fixture_by_own_id.fixture_by_own_id_pkey [fixture_id]",
              "unique key fixture_by_network.fixture_by_network_code_key [code]",
              "foreign key fixture_by_network.fixture_by_network_account_id_network_id_fkey"
                  + " [account_id, network_id] → account[account_id, network_id]",
              "fixture_without_key has no primary key",
              "unique index fixture_by_network.fixture_by_network_twice [fixture_id, network_id]",
              "a table not distributed references a distributed one:"
                  + " app_user.app_user_fixture_network_id_fixture_account_id_fkey"
                  + " [fixture_network_id, fixture_account_id] → account[network_id, account_id]");
    }
  }

  /**
   * What keeps {@code tables}' schema from being distributed by network: every distributed table
   * (any table not in {@code notDistributed}) needs a primary key and unique keys that lead with
   * {@code network_id}, and foreign keys to other distributed tables from {@code network_id} to
   * {@code network_id}; a table not distributed references no distributed table.
   */
  static List<String> violations(DataSource tables, Map<String, String> notDistributed)
      throws SQLException {
    List<Key> keys = keys(tables);
    List<String> violations = new ArrayList<>();
    for (String table : tables(tables)) {
      if (notDistributed.containsKey(table)) {
        continue;
      }
      List<Key> own = keys.stream().filter(k -> k.table().equals(table)).toList();
      Key primary = own.stream().filter(k -> k.type() == 'p').findFirst().orElse(null);
      if (primary == null) {
        violations.add(table + " has no primary key");
      } else if (!primary.leadsWithNetwork()) {
        violations.add("primary key " + primary);
      }
      for (Key key : own) {
        if (key.type() == 'u' && !key.leadsWithNetwork()) {
          violations.add("unique key " + key);
        }
        if (key.type() == 'f'
            && !notDistributed.containsKey(key.referencedTable())
            && !(key.leadsWithNetwork() && key.referencedColumns().get(0).equals("network_id"))) {
          violations.add("foreign key " + key);
        }
      }
    }
    for (Key index : uniqueIndexes(tables)) {
      if (!notDistributed.containsKey(index.table()) && !index.leadsWithNetwork()) {
        violations.add("unique index " + index);
      }
    }
    for (Key key : keys) {
      if (key.type() == 'f'
          && notDistributed.containsKey(key.table())
          && !notDistributed.containsKey(key.referencedTable())) {
        violations.add("a table not distributed references a distributed one: " + key);
      }
    }
    return violations;
  }

  static Map<String, String> notDistributedTables() throws IOException {
    String doc = Files.readString(SCALE_OUT, StandardCharsets.UTF_8);
    int start = doc.indexOf("<!-- tables not distributed: begin -->");
    int end = doc.indexOf("<!-- tables not distributed: end -->");
    assertThat(start).as("the list's begin marker in " + SCALE_OUT).isNotNegative();
    assertThat(end).as("the list's end marker").isGreaterThan(start);
    Map<String, String> tables = new TreeMap<>();
    Matcher row =
        Pattern.compile("(?m)^\\| `([a-z_0-9]+)` \\| ([a-z]+) \\|")
            .matcher(doc.substring(start, end));
    while (row.find()) {
      tables.put(row.group(1), row.group(2));
    }
    return tables;
  }

  private static Set<String> tables(DataSource database) throws SQLException {
    Set<String> tables = new TreeSet<>();
    try (Connection c = database.getConnection();
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT table_name FROM information_schema.tables"
                        + " WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    return tables;
  }

  /**
   * The unique indexes that back no constraint (partial or on expressions, made by CREATE UNIQUE
   * INDEX): Citus requires them to hold the distribution column as well. An expression's column is
   * shown as "(expression)".
   */
  private static List<Key> uniqueIndexes(DataSource database) throws SQLException {
    String sql =
        """
        SELECT i.indrelid::regclass::text, c.relname,
               ARRAY(SELECT coalesce(a.attname, '(expression)')
                       FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(n, o)
                       LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.n
                      ORDER BY k.o)::text[]
          FROM pg_index i
          JOIN pg_class c ON c.oid = i.indexrelid
          JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND i.indisunique
           AND NOT EXISTS (SELECT 1 FROM pg_constraint k
                            WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid
                              AND k.contype IN ('p', 'u', 'x'))
        """;
    List<Key> indexes = new ArrayList<>();
    try (Connection c = database.getConnection();
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      while (rs.next()) {
        indexes.add(
            new Key(
                rs.getString(1),
                rs.getString(2),
                'i',
                List.of((String[]) rs.getArray(3).getArray()),
                null,
                List.of()));
      }
    }
    return indexes;
  }

  private static List<Key> keys(DataSource database) throws SQLException {
    String sql =
        """
        SELECT c.conrelid::regclass::text, c.conname, c.contype,
               ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
                     JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n
                     ORDER BY k.i)::text[],
               CASE WHEN c.contype = 'f' THEN c.confrelid::regclass::text END,
               ARRAY(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
                     JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n
                     ORDER BY k.i)::text[]
          FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
         WHERE n.nspname = 'public' AND c.contype IN ('p', 'u', 'f')
        """;
    List<Key> keys = new ArrayList<>();
    try (Connection c = database.getConnection();
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      while (rs.next()) {
        keys.add(
            new Key(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3).charAt(0),
                List.of((String[]) rs.getArray(4).getArray()),
                rs.getString(5),
                List.of((String[]) rs.getArray(6).getArray())));
      }
    }
    return keys;
  }
}
