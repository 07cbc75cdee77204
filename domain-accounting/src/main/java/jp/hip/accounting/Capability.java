package jp.hip.accounting;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a sub-package of the accounting module as one capability, and names the other capabilities it may use
 * ({@code allowedDependencies}, simple package names under {@code jp.hip.accounting}; the root package is always
 * allowed). Checked by {@code ModularityTests} on the compiled code, as {@code jp.hip.phr.Capability} is for PHR
 * (ADR 0108).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PACKAGE)
public @interface Capability {

    String[] allowedDependencies() default {};
}
