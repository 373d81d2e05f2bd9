package coop.sol.web.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo users' logins, kept in {@code <data-dir>/demo-credentials.json} (readable by the owner
 * only) so that they survive restarts and scripts can act as each role.
 *
 * @param network the demo network's code
 * @param networkName its display name
 */
record DemoCredentials(String network, String networkName, List<DemoLogin> users) {
  static final String FILE_NAME = "demo-credentials.json";

  DemoCredentials {
    users = List.copyOf(users);
  }

  Optional<DemoLogin> user(String username) {
    return users.stream().filter(u -> u.username().equals(username)).findFirst();
  }

  static Optional<DemoCredentials> read(Path file, JsonMapper json) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    return Optional.of(json.readValue(file.toFile(), DemoCredentials.class));
  }

  /**
   * Writes the file atomically (a temporary file moved into place), created with mode 600 on POSIX
   * systems so that the passwords are never readable by others, even for an instant.
   */
  void write(Path file, JsonMapper json) {
    try {
      Files.createDirectories(file.getParent());
      Path temporary;
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        temporary =
            Files.createTempFile(
                file.getParent(),
                FILE_NAME,
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        temporary = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
      }
      json.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), this);
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
