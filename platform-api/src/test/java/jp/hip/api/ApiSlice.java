package jp.hip.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.core.annotation.AliasFor;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * A controller slice of the API (shared fixture): MockMvc over the named controllers with the real problem-detail
 * advice and Jackson, a signed-in caller. The bearer-token chain and
 * scopes are tested end to end in platform-app (ApiTests, SecurityProbeTests); here it is the controllers' own answers.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest
@WithMockUser
public @interface ApiSlice {

    @AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
    Class<?>[] value() default {};
}
