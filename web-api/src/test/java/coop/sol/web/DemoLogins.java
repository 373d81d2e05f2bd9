package coop.sol.web;

import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads {@code demo-credentials.json} the way a script would: as plain JSON. */
public final class DemoLogins {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final JsonNode file;

  private DemoLogins(JsonNode file) {
    this.file = file;
  }

  public static DemoLogins in(Path dataDirectory) {
    return new DemoLogins(JSON.readTree(dataDirectory.resolve("demo-credentials.json")));
  }

  public JsonNode users() {
    return file.get("users");
  }

  public JsonNode user(String username) {
    for (JsonNode user : users()) {
      if (user.get("username").asString().equals(username)) {
        return user;
      }
    }
    throw new AssertionError("no demo user " + username + " in " + file);
  }

  public String password(String username) {
    return user(username).get("password").asString();
  }
}
