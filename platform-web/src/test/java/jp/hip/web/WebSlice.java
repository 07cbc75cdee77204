package jp.hip.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * A controller slice (the shared fixture of platform-web's tests): MockMvc over one controller with the real
 * advices, formatters, messages and templates, Spring Security's test support, {@link FormPosts} for posting a form
 * and reading its errors back by field. The facades are Mockito beans that a failing form never reaches
 * ({@code verifyNoInteractions}): "nothing changed" at this layer. What the facades do with valid input is tested
 * against PostgreSQL in platform-app.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest
@Import(FormPosts.class)
// The company home's totals card (a WebMvcConfigurer, so in every slice) needs the accounting facade.
@MockitoBean(types = jp.hip.accounting.HealthAccounting.class)
// The PHR pages' formatting advice (a @ControllerAdvice, so in every slice) reads item names from the code table.
@MockitoBean(types = jp.hip.phr.observations.CodeTable.class)
public @interface WebSlice {

    @AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
    Class<?>[] value() default {};
}
