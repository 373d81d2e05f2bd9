package coop.sol.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat writes an answer to its client from a buffer of each connection, 8 KiB unless set. A page
 * of 20 transfers in an account's history (8.3 KiB with its headers) left in two writes, the second
 * for its last few hundred bytes; each write to a socket costs about as much as the first, whatever
 * its size (the two were 12 % of a history read's CPU in the JVM under load, async-profiler). With
 * 16 KiB, answers up to that size leave in one write, the default page of 50 in two. The buffer is
 * taken for each open connection: at the 8,192 connections {@code server.tomcat.max-connections}
 * allows, 64 MiB more than Tomcat's default.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ResponseWrites {
  static final int SOCKET_WRITE_BUFFER_BYTES = 16 * 1024;

  @Bean
  TomcatConnectorCustomizer socketWriteBuffer() {
    return connector ->
        connector.setProperty(
            "socket.appWriteBufSize", Integer.toString(SOCKET_WRITE_BUFFER_BYTES));
  }
}
