package org.kam.chassis.web;

import java.io.IOException;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.util.AntPathMatcher;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * No request body above {@code kam.http.max-request-body} (256 KB) is read: a declared length above
 * it answers 413 at once, and a body without a declared length (chunked) is cut off at the limit,
 * also 413. Uploads ({@code exempt} paths, the CSV imports) stream to disk under their own limits.
 */
public class RequestBodyLimit extends OncePerRequestFilter {

    static final java.net.URI TOO_LARGE = java.net.URI.create("https://kam.example.org/problems/too-large");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AntPathMatcher PATHS = new AntPathMatcher();

    private final long limit;
    private final List<String> exempt;

    public RequestBodyLimit(DataSize limit, List<String> exempt) {
        this.limit = limit.toBytes();
        this.exempt = exempt;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return exempt.stream().anyMatch(pattern -> PATHS.match(pattern, path));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit) {
            tooLarge(response, request.getContentLengthLong());
            return;
        }
        try {
            chain.doFilter(new Limited(request, limit), response);
        } catch (ServletException | RuntimeException e) {
            if (causedByLimit(e) && !response.isCommitted()) {
                response.resetBuffer();
                tooLarge(response, -1);
                return;
            }
            throw e;
        } catch (BodyTooLarge e) {
            if (!response.isCommitted()) {
                tooLarge(response, -1);
                return;
            }
            throw e;
        }
    }

    private static boolean causedByLimit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BodyTooLarge) {
                return true;
            }
        }
        return false;
    }

    /** Writes the 413 ProblemDetail; {@code declared} is the announced length, or -1. */
    private void tooLarge(HttpServletResponse response, long declared) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                "$: the request body" + (declared >= 0 ? " of " + declared + " bytes" : "")
                        + " is larger than the limit of " + limit + " bytes");
        problem.setType(TOO_LARGE);
        problem.setTitle("Request body too large");
        problem.setProperty("limit", limit);
        response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setHeader("Connection", "close");
        response.getOutputStream().write(JSON.writeValueAsBytes(problem));
    }

    /** Thrown by the wrapped stream when the body goes past the limit. */
    public static final class BodyTooLarge extends IOException {
        BodyTooLarge(long limit) {
            super("the request body is larger than the limit of " + limit + " bytes");
        }
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class CountingStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long read;

        CountingStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLarge {
            read += n;
            if (read > limit) {
                throw new BodyTooLarge(limit);
            }
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
