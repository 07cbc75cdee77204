package jp.hip;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The one executable. It sits in the root package so that component, entity and repository
 * scanning reach every module (identity, accounting, guidelines, phr, api, web) with no extra
 * configuration.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class HipApplication {

    public static void main(String[] args) {
        EmbeddedDatabase.startIfNoneConfigured(args);
        SpringApplication.run(HipApplication.class, args);
    }
}
