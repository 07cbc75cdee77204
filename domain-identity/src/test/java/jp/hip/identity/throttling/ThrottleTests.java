package jp.hip.identity.throttling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThrottleTests {

    @Test
    void throttleDelaysDoubleAfterTheFreeFailuresUpToTheCap() {
        Throttle.Rule rule = new Throttle.Rule("t", 4, java.time.Duration.ofSeconds(30), java.time.Duration.ofMinutes(15));
        assertThat(Throttle.delayAfter(rule, 4)).isZero();
        assertThat(Throttle.delayAfter(rule, 5)).hasSeconds(30);
        assertThat(Throttle.delayAfter(rule, 6)).hasSeconds(60);
        assertThat(Throttle.delayAfter(rule, 9)).hasSeconds(480);
        assertThat(Throttle.delayAfter(rule, 10)).isEqualTo(java.time.Duration.ofMinutes(15));
        assertThat(Throttle.delayAfter(rule, 20)).isEqualTo(java.time.Duration.ofMinutes(15));
        assertThat(Throttle.delayAfter(rule, Integer.MAX_VALUE)).isEqualTo(java.time.Duration.ofMinutes(15));
    }
}
