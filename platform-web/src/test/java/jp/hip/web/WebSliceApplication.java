package jp.hip.web;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The configuration the controller slice tests ({@link WebSlice}) start from: platform-web has no application of its
 * own (platform-app is the executable), so the slices find this one. {@code @WebMvcTest} keeps only the web layer
 * of what it scans: the controller under test, the advices, {@link WebConfiguration} (locale, formatters).
 */
@SpringBootApplication
public class WebSliceApplication {}
