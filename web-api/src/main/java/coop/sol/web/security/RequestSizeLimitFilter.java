package coop.sol.web.security;

import coop.sol.web.problem.ProblemCode;
import coop.sol.web.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies larger than {@link #MAX_BODY_BYTES} with 413 PAYLOAD_TOO_LARGE before
 * anything reads them: a declared Content-Length over the limit is refused at once; a body sent
 * without one (chunked) is read up to the limit, and refused if it goes beyond. Every request of
 * the API is a small JSON document, so nothing legitimate comes near. The pages that take a photo
 * of a QR code ({@link #IMAGE_UPLOADS}) accept up to {@link #MAX_IMAGE_BYTES}, the imports of
 * people ({@link #IMPORT_UPLOADS}) {@link #MAX_IMPORT_BYTES}.
 */
final class RequestSizeLimitFilter extends OncePerRequestFilter {
  /** 64 KiB. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  /** 8 MiB: a phone camera's photo. */
  static final int MAX_IMAGE_BYTES = 8 * 1024 * 1024;

  /** The pages whose form posts a photo (multipart), or a camera frame, of a QR code. */
  static final Set<String> IMAGE_UPLOADS =
      Set.of("/qr/decode", "/member/pay", "/till/charge", "/till/card");

  /** 4 MiB: a file of people (a few thousand lines), as CSV or base64 in a form. */
  static final int MAX_IMPORT_BYTES = 4 * 1024 * 1024;

  /** The requests that carry a file of people to import. */
  static final Set<String> IMPORT_UPLOADS =
      Set.of(
          "/api/v1/people/imports",
          "/coordinator/people/import",
          "/coordinator/people/import/confirm");

  private final Problems problems;

  RequestSizeLimitFilter(Problems problems) {
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long declared = request.getContentLengthLong();
    boolean post = "POST".equals(request.getMethod());
    int limit =
        post && IMAGE_UPLOADS.contains(request.getRequestURI())
            ? MAX_IMAGE_BYTES
            : post && IMPORT_UPLOADS.contains(request.getRequestURI())
                ? MAX_IMPORT_BYTES
                : MAX_BODY_BYTES;
    if (declared > limit) {
      problems.write(request, response, ProblemCode.PAYLOAD_TOO_LARGE);
      return;
    }
    if (declared < 0 && request.getHeader("Transfer-Encoding") != null) {
      byte[] body = request.getInputStream().readNBytes(limit + 1);
      if (body.length > limit) {
        problems.write(request, response, ProblemCode.PAYLOAD_TOO_LARGE);
        return;
      }
      chain.doFilter(new BufferedBodyRequest(request, body), response);
      return;
    }
    chain.doFilter(request, response);
  }

  /** A request whose body has been read into memory (at most the limit). */
  private static final class BufferedBodyRequest extends HttpServletRequestWrapper {
    private final byte[] body;

    BufferedBodyRequest(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }

    @Override
    public ServletInputStream getInputStream() {
      InputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() throws IOException {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return false;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("the body is already in memory");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      String encoding = getCharacterEncoding();
      Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
      return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset));
    }
  }
}
