package coop.sol.ledger.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads a JSON value as plain Java: objects as maps in member order, arrays as lists, strings,
 * integers as longs, other numbers as exact decimals (never binary floating point), booleans, null.
 * For the documents the ledger writes and reads back itself (export lines, signed reports).
 */
public final class JsonTree {
  private JsonTree() {}

  /** The value at the parser's current token, leaving the parser on its last token. */
  public static Object value(JsonParser p) {
    JsonToken t = p.currentToken();
    if (t == null) {
      throw new IllegalArgumentException("empty JSON");
    }
    return switch (t) {
      case START_OBJECT -> {
        var map = new LinkedHashMap<String, Object>();
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
          String name = p.currentName();
          p.nextToken();
          map.put(name, value(p));
        }
        yield map;
      }
      case START_ARRAY -> {
        var list = new ArrayList<Object>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          list.add(value(p));
        }
        yield list;
      }
      case VALUE_STRING -> p.getString();
      case VALUE_NUMBER_INT -> p.getLongValue();
      case VALUE_NUMBER_FLOAT -> p.getDecimalValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> throw new IllegalArgumentException("unexpected JSON token " + t);
    };
  }
}
