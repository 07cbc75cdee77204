package jp.hip.phr;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a sub-package of the PHR module as one capability with its facade, and names the other capabilities it may
 * use ({@code allowedDependencies}, simple package names under {@code jp.hip.phr}; the root package is always
 * allowed). Checked by {@code ModularityTests} on the compiled code, like Spring Modulith's module dependencies.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PACKAGE)
public @interface Capability {

    String[] allowedDependencies() default {};
}
