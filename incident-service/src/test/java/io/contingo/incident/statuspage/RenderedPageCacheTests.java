package io.contingo.incident.statuspage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;

/**
 * The status page's cache and ETag follow which site serves as well as the read model: when service moves to the
 * contingency site and nothing else changed, a reader who already has the page gets the new one (with its banner),
 * not a 304 or the page rendered before the switch.
 */
class RenderedPageCacheTests {

    private final PublicView view = mock(PublicView.class);
    private final ServingSites serving = mock(ServingSites.class);
    private final AtomicInteger renders = new AtomicInteger();
    private final Filter filter = new RenderedPageCache().statusPageCache(view, serving).getFilter();
    private final FilterChain render = (request, response) -> {
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write("render " + renders.incrementAndGet());
    };

    @Test
    void aSwitchToTheContingencySiteIsANewPage() throws Exception {
        StatusSummary.Snapshot snapshot = mock(StatusSummary.Snapshot.class);
        when(snapshot.version()).thenReturn(7L);
        when(view.now()).thenReturn(snapshot);
        when(serving.now()).thenReturn(new ServingSites.Serving(false, Map.of("production", "active", "contingency", "standby")));

        MockHttpServletResponse first = get(null);
        String etag = first.getHeader(HttpHeaders.ETAG);
        assertThat(first.getContentAsString()).isEqualTo("render 1");
        assertThat(get(etag).getStatus()).as("unchanged: not modified").isEqualTo(304);
        assertThat(get(null).getContentAsString()).as("unchanged: from the cache").isEqualTo("render 1");

        when(serving.now()).thenReturn(new ServingSites.Serving(true, Map.of("production", "inactive", "contingency", "active")));
        MockHttpServletResponse after = get(etag);
        assertThat(after.getStatus()).isEqualTo(200);
        assertThat(after.getContentAsString()).isEqualTo("render 2");
        assertThat(after.getHeader(HttpHeaders.ETAG)).isNotEqualTo(etag);
    }

    @Test
    void twoInstancesShowingTheSamePageAnswerTheSameEtag() throws Exception {
        StatusSummary.Snapshot built = mock(StatusSummary.Snapshot.class);
        when(built.version()).thenReturn(3L);
        PublicView otherView = mock(PublicView.class);
        StatusSummary.Snapshot builtThere = mock(StatusSummary.Snapshot.class);
        when(builtThere.version()).thenReturn(41L); // its own count of rebuilds
        when(view.now()).thenReturn(built);
        when(otherView.now()).thenReturn(builtThere);
        when(serving.now()).thenReturn(new ServingSites.Serving(false, Map.of("production", "active", "contingency", "standby")));
        Filter other = new RenderedPageCache().statusPageCache(otherView, serving).getFilter();
        FilterChain same = (request, response) -> response.getWriter().write("the same page");

        MockHttpServletResponse here = get(filter, same, null);
        MockHttpServletResponse there = get(other, same, null);
        assertThat(there.getHeader(HttpHeaders.ETAG)).isEqualTo(here.getHeader(HttpHeaders.ETAG));
        assertThat(get(other, same, here.getHeader(HttpHeaders.ETAG)).getStatus()).as("what this instance served is current there").isEqualTo(304);
        FilterChain another = (request, response) -> response.getWriter().write("another page");
        when(builtThere.version()).thenReturn(42L);
        assertThat(get(other, another, here.getHeader(HttpHeaders.ETAG)).getStatus()).isEqualTo(200);
    }

    @Test
    void aBrowserThatAcceptsGzipGetsThePageCompressedOnceAndA304ForItsOwnForm() throws Exception {
        StatusSummary.Snapshot snapshot = mock(StatusSummary.Snapshot.class);
        when(snapshot.version()).thenReturn(5L);
        when(view.now()).thenReturn(snapshot);
        when(serving.now()).thenReturn(new ServingSites.Serving(false, Map.of("production", "active")));
        String page = "<li>Web: operational</li>".repeat(200);
        FilterChain large = (request, response) -> {
            renders.incrementAndGet();
            response.setContentType("text/html;charset=UTF-8");
            response.getWriter().write(page);
        };

        MockHttpServletResponse zipped = get(filter, large, null, "gzip, deflate, br");
        assertThat(zipped.getHeader(HttpHeaders.CONTENT_ENCODING)).isEqualTo("gzip");
        assertThat(zipped.getHeader(HttpHeaders.VARY)).contains(HttpHeaders.ACCEPT_ENCODING);
        try (var in = new GZIPInputStream(new ByteArrayInputStream(zipped.getContentAsByteArray()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(page);
        }
        MockHttpServletResponse plain = get(filter, large, null, null);
        assertThat(plain.getHeader(HttpHeaders.CONTENT_ENCODING)).isNull();
        assertThat(plain.getContentAsString()).isEqualTo(page);
        assertThat(renders).as("rendered once for both forms").hasValue(1);
        assertThat(plain.getHeader(HttpHeaders.ETAG)).isNotEqualTo(zipped.getHeader(HttpHeaders.ETAG));
        assertThat(get(filter, large, zipped.getHeader(HttpHeaders.ETAG), "gzip").getStatus()).isEqualTo(304);
        assertThat(get(filter, large, zipped.getHeader(HttpHeaders.ETAG), null).getStatus())
                .as("the gzip form's tag does not match the plain form").isEqualTo(200);
    }

    private MockHttpServletResponse get(String ifNoneMatch) throws Exception {
        return get(filter, render, ifNoneMatch);
    }

    private static MockHttpServletResponse get(Filter filter, FilterChain render, String ifNoneMatch) throws Exception {
        return get(filter, render, ifNoneMatch, null);
    }

    private static MockHttpServletResponse get(Filter filter, FilterChain render, String ifNoneMatch, String acceptEncoding)
            throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
        if (acceptEncoding != null) {
            request.addHeader(HttpHeaders.ACCEPT_ENCODING, acceptEncoding);
        }
        if (ifNoneMatch != null) {
            request.addHeader(HttpHeaders.IF_NONE_MATCH, ifNoneMatch);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, render);
        return response;
    }
}
