package jp.hip.api;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * The configuration platform-api's controller slices ({@link ApiSlice}) start from: the module has no application
 * of its own (platform-app is the executable). {@code @WebMvcTest} keeps only the web layer of what it scans; the
 * FHIR package (its advices need the HAPI context and validator) is left to the FHIR tests in platform-app.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(excludeFilters = {@ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
        @ComponentScan.Filter(type = FilterType.REGEX, pattern = "jp\\.hip\\.api\\.fhir\\..*")})
public class ApiSliceApplication {}
