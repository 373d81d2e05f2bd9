package coop.sol.web.installation;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of a SOL installation ({@code sol.*}; see application.yml for their environment
 * variables).
 *
 * @param dataDir where the installation keeps its files: the embedded PostgreSQL's data (when no
 *     external database is configured) and, in demo mode, the demo credentials
 * @param demo seed the demo network at start, as the {@code --demo} option does
 */
@ConfigurationProperties("sol")
public record SolProperties(@DefaultValue("./data") Path dataDir, boolean demo) {

  /** The data directory as an absolute path, so that what we print and log is unambiguous. */
  public Path dataDirectory() {
    return dataDir.toAbsolutePath().normalize();
  }
}
