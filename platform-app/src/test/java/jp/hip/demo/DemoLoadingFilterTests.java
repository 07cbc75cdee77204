package jp.hip.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Until the demo loaders are done, visitors see "being prepared" (503) instead of a half-filled demo. */
class DemoLoadingFilterTests {

    @Test
    void answersBeingPreparedUntilTheApplicationIsReadyThenStepsAside() throws Exception {
        DemoLoadingFilter filter = new DemoLoadingFilter();

        MockHttpServletResponse page = new MockHttpServletResponse();
        MockFilterChain pageChain = new MockFilterChain();
        MockHttpServletRequest browser = new MockHttpServletRequest("GET", "/login");
        browser.addHeader("Accept", "text/html,application/xhtml+xml");
        filter.doFilter(browser, page, pageChain);
        assertThat(page.getStatus()).isEqualTo(503);
        assertThat(page.getHeader("Retry-After")).isEqualTo("5");
        assertThat(page.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains("デモデータを準備しています");
        assertThat(pageChain.getRequest()).as("the application was not reached").isNull();

        MockHttpServletResponse api = new MockHttpServletResponse();
        MockHttpServletRequest client = new MockHttpServletRequest("GET", "/fhir/metadata");
        client.addHeader("Accept", "application/fhir+json");
        filter.doFilter(client, api, new MockFilterChain());
        assertThat(api.getStatus()).isEqualTo(503);
        assertThat(api.getContentType()).isEqualTo("application/problem+json");

        filter.demoDataLoaded();
        MockHttpServletResponse after = new MockHttpServletResponse();
        MockFilterChain afterChain = new MockFilterChain();
        filter.doFilter(new MockHttpServletRequest("GET", "/login"), after, afterChain);
        assertThat(afterChain.getRequest()).as("the application is reached once the demo is ready").isNotNull();
        assertThat(after.getStatus()).isEqualTo(200);
    }
}
