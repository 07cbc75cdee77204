package jp.hip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Rules about the project's files that the compiler cannot check. */
class ProjectFilesTests {

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"messages", "messages-accounting", "messages-guidelines", "messages-phr", "messages-phrjoin", "messages-collabo", "messages-forms"})
    void japaneseAndEnglishMessagesHaveTheSameKeys(String bundle) throws IOException {
        Properties ja = load("/" + bundle + "_ja.properties");
        Properties en = load("/" + bundle + "_en.properties");
        assertThat(en.keySet()).containsExactlyInAnyOrderElementsOf(ja.keySet());
    }

    @Test
    void noMessageKeyIsDefinedTwice() throws IOException {
        // A second definition silently wins: a new empty-state text once replaced an import error's message.
        try (Stream<Path> files = Files.walk(Path.of("../platform-web/src/main/resources"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".properties")).toList()) {
                var seen = new java.util.HashSet<String>();
                var twice = Files.readAllLines(file).stream()
                        .map(String::strip)
                        .filter(line -> !line.isEmpty() && !line.startsWith("#") && line.contains("="))
                        .map(line -> line.substring(0, line.indexOf('=')).strip())
                        .filter(key -> !seen.add(key))
                        .toList();
                assertThat(twice).as(file.toString()).isEmpty();
            }
        }
    }

    @Test
    void theReadmePrintsEveryDemoUsersTotpSecret() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        jp.hip.demo.DemoData.TOTP_SECRETS.forEach((email, secret) ->
                assertThat(readme).as(email).contains(secret));
    }

    @Test
    void migrationsFollowTheNamingRule() throws IOException {
        Path dir = Path.of("../db-migrations/src/main/resources/db/migration");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .isNotEmpty()
                    .allMatch(name -> name.matches("V\\d+__(platform|accounting|guidelines|phr|collabo)_[a-z0-9_]+\\.sql"), "V{n}__{module}_{verb}_{object}.sql");
        }
    }

    @Test
    void noRegistryPageCallsAListingAnApproval() throws IOException {
        // ref-guidelines.md §1.2: METI registers a self-declaration; it never certifies or approves.
        try (Stream<Path> files = Files.walk(Path.of("../platform-web/src/main/resources"))) {
            for (Path file : files.filter(f -> f.toString().endsWith("_ja.properties") || f.toString().endsWith(".html")).toList()) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain("認定").doesNotContain("認証").doesNotContain("承認");
            }
        }
    }

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ProjectFilesTests.class.getResourceAsStream(resource)) {
            properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return properties;
    }
}
