package io.contingo.incident.statuspage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

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

    private MockHttpServletResponse get(String ifNoneMatch) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
        if (ifNoneMatch != null) {
            request.addHeader(HttpHeaders.IF_NONE_MATCH, ifNoneMatch);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, render);
        return response;
    }
}
