package io.contingo.starter.body;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Refuses a request body over a limit with 413 and a JSON message, without reading it: at once when its
 * Content-Length says so; for a chunked body, as soon as whoever reads it reaches the limit (nothing past it is
 * read, and what the endpoint answered meanwhile is dropped). A body nobody reads is never read.
 */
public class BodyLimitFilter extends OncePerRequestFilter {

    private final long limit;

    public BodyLimitFilter(long limit) {
        this.limit = limit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit) {
            refuse(response);
            return;
        }
        if (request.getContentLengthLong() >= 0 || request.getHeader("Transfer-Encoding") == null) {
            chain.doFilter(request, response); // the server reads no more than the Content-Length
            return;
        }
        LimitedRequest limited = new LimitedRequest(request, limit);
        // what the endpoint answers stays here until it is known whether the body was over the limit
        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response) {
            @Override
            public void sendError(int status) throws IOException {
                if (!limited.overLimit) {
                    super.sendError(status);
                }
            }

            @Override
            public void sendError(int status, String message) throws IOException {
                if (!limited.overLimit) {
                    super.sendError(status, message);
                }
            }
        };
        try {
            chain.doFilter(limited, answer);
        } catch (IOException | ServletException | RuntimeException e) {
            if (!limited.overLimit || response.isCommitted()) {
                throw e;
            }
        }
        if (limited.overLimit && !response.isCommitted()) {
            response.reset();
            refuse(response);
        } else {
            answer.copyBodyToResponse();
        }
    }

    /** 413 with the server's usual JSON shape; the connection is closed rather than the rest of the body read. */
    private void refuse(HttpServletResponse response) throws IOException {
        byte[] body = ("{\"status\":413,\"error\":\"Content Too Large\",\"message\":\"The body is larger than " + limit
                + " bytes, the most this API takes\"}").getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
        response.setContentType("application/json");
        response.setHeader("Connection", "close");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    /** Thrown to whoever reads past the limit. */
    static class BodyTooLargeException extends IOException {
        BodyTooLargeException(long limit) {
            super("The body is larger than " + limit + " bytes");
        }
    }

    /** A request whose body stream fails once more than the limit has been read. */
    static class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;
        private BufferedReader reader;
        volatile boolean overLimit;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream());
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (reader == null) {
                String encoding = getCharacterEncoding();
                Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
                reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
            }
            return reader;
        }

        private final class LimitedStream extends ServletInputStream {

            private final ServletInputStream in;
            private long read;

            LimitedStream(ServletInputStream in) {
                this.in = in;
            }

            @Override
            public int read() throws IOException {
                room(1);
                int b = in.read();
                if (b >= 0) {
                    read++;
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = in.read(buffer, offset, (int) Math.min(length, room(length)));
                if (n > 0) {
                    read += n;
                }
                return n;
            }

            /** How much may still be read, at least one byte: reading the byte past the limit fails. */
            private long room(int wanted) throws IOException {
                if (read >= limit) {
                    if (in.isFinished()) {
                        return wanted;
                    }
                    int next = in.read();
                    if (next >= 0) {
                        overLimit = true;
                        throw new BodyTooLargeException(limit);
                    }
                    return wanted;
                }
                return Math.max(1, Math.min(wanted, limit - read));
            }

            @Override
            public boolean isFinished() {
                return in.isFinished();
            }

            @Override
            public boolean isReady() {
                return in.isReady();
            }

            @Override
            public void setReadListener(ReadListener listener) {
                in.setReadListener(listener);
            }
        }
    }
}
