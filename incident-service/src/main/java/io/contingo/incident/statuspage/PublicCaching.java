package io.contingo.incident.statuspage;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/** ETags on the feeds: a client that already has the current answer gets 304 Not Modified. */
@Configuration
class PublicCaching {

    @Bean
    FilterRegistrationBean<ShallowEtagHeaderFilter> publicEtags() {
        FilterRegistrationBean<ShallowEtagHeaderFilter> registration = new FilterRegistrationBean<>(new ShallowEtagHeaderFilter());
        registration.addUrlPatterns("/history.atom", "/history.rss"); // the Statuspage API and the page set their own, from the bodies they keep
        registration.setName("publicEtags");
        return registration;
    }
}
