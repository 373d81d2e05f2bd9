package coop.sol.ledger.audit;

import coop.sol.ledger.json.JsonTree;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;

/** JSON Lines: one JSON object per line, written and read one at a time (streamed). */
final class JsonLines {
  static final JsonFactory JSON =
      JsonFactory.builder().disable(StreamReadFeature.AUTO_CLOSE_SOURCE).build();

  private JsonLines() {}

  interface Body {
    void write(JsonGenerator g);
  }

  /** Writes one object (its body written by {@code body}) and a newline. */
  static void line(OutputStream out, Body body) {
    var bytes = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), bytes)) {
      g.writeStartObject();
      body.write(g);
      g.writeEndObject();
    }
    bytes.write('\n');
    try {
      bytes.writeTo(out);
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An object read from a line, with its line number (from 1). */
  record Line(long number, Map<String, Object> fields) {
    String string(String name) {
      Object v = fields.get(name);
      if (!(v instanceof String s)) {
        throw new Malformed(number, name + " is not a string");
      }
      return s;
    }

    String stringOrNull(String name) {
      Object v = fields.get(name);
      return v == null ? null : string(name);
    }

    long number(String name) {
      Object v = fields.get(name);
      if (!(v instanceof Long l)) {
        throw new Malformed(number, name + " is not an integer");
      }
      return l;
    }

    Long numberOrNull(String name) {
      return fields.get(name) == null ? null : number(name);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object(String name) {
      Object v = fields.get(name);
      if (!(v instanceof Map<?, ?>)) {
        throw new Malformed(number, name + " is not an object");
      }
      return (Map<String, Object>) v;
    }
  }

  /** A line that is not what the format says. */
  static final class Malformed extends RuntimeException {
    final long line;

    Malformed(long line, String message) {
      super(message);
      this.line = line;
    }
  }

  /** Reads every object of the stream in order (one per line); does not close the stream. */
  static void read(InputStream in, Consumer<Line> action) {
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), in)) {
      while (p.nextToken() != null) {
        long line = p.currentLocation().getLineNr();
        if (p.currentToken() != JsonToken.START_OBJECT) {
          throw new Malformed(line, "a line is not a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) JsonTree.value(p);
        action.accept(new Line(line, fields));
      }
    } catch (JacksonException e) {
      throw new Malformed(
          e.getLocation() == null ? 0 : e.getLocation().getLineNr(), e.getOriginalMessage());
    }
  }
}
