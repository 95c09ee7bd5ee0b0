package io.contingo.incident.statuspage;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Keeps the rendered public status page per reader locale for as long as the read model has not changed
 * (and at most 10 s, the time the page says it may be cached): during an outage, when everyone reloads it,
 * the page is rendered once per change and language instead of once per request; a switch of the serving site
 * ({@link ServingSites}) is a change too. Answers with an ETag made of the rendered page ({@link ContentTags}), the
 * same from every instance that shows the same page, and 304 when the reader already has it; gzipped once per
 * rendering for readers whose browser accepts it ({@link ServedBody}).
 */
@Configuration
class RenderedPageCache {

    private static final Duration MAX_AGE = Duration.ofSeconds(10);
    private static final int MAX_ENTRIES = 32;

    private record Rendered(long version, String serving, long renderedAt, String contentType, ServedBody body) {
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> statusPageCache(PublicView view, ServingSites servingSites) {
        Map<String, Rendered> cache = new ConcurrentHashMap<>();
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return !"GET".equals(request.getMethod()) || !"/".equals(request.getRequestURI()) || request.getQueryString() != null;
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                long version = view.now().version();
                String serving = servingSites.now().tag(); // the page says which site serves: a switch is a new page
                String key = request.getLocale().toLanguageTag();
                response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.maxAge(MAX_AGE).cachePublic().getHeaderValue());
                response.setHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE + ", " + HttpHeaders.ACCEPT_ENCODING);
                Rendered page = cache.get(key);
                if (page == null || page.version() != version || !page.serving().equals(serving)
                        || System.currentTimeMillis() - page.renderedAt() >= MAX_AGE.toMillis()) {
                    ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
                    chain.doFilter(request, wrapper);
                    if (wrapper.getStatus() != HttpServletResponse.SC_OK) {
                        wrapper.copyBodyToResponse();
                        return;
                    }
                    page = new Rendered(version, serving, System.currentTimeMillis(), wrapper.getContentType(),
                            ServedBody.of(wrapper.getContentAsByteArray()));
                    if (cache.size() >= MAX_ENTRIES) {
                        cache.clear(); // many languages at once: start afresh rather than grow
                    }
                    cache.put(key, page);
                }
                ServedBody.Form sent = page.body().formFor(request.getHeader(HttpHeaders.ACCEPT_ENCODING));
                response.setHeader(HttpHeaders.ETAG, sent.etag());
                if (sent.etag().equals(request.getHeader(HttpHeaders.IF_NONE_MATCH))) {
                    response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
                    return;
                }
                if (sent.gzipped()) {
                    response.setHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
                }
                response.setContentType(page.contentType());
                response.setContentLength(sent.bytes().length);
                response.getOutputStream().write(sent.bytes());
            }
        });
        registration.addUrlPatterns("/*");
        registration.setName("statusPageCache");
        return registration;
    }
}
