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

    @Test
    void japaneseAndEnglishMessagesHaveTheSameKeys() throws IOException {
        Properties ja = load("/messages_ja.properties");
        Properties en = load("/messages_en.properties");
        assertThat(ja).isNotEmpty();
        assertThat(en.keySet()).containsExactlyInAnyOrderElementsOf(ja.keySet());
    }

    @Test
    void migrationsFollowTheNamingRule() throws IOException {
        Path dir = Path.of("../db-migrations/src/main/resources/db/migration");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .isNotEmpty()
                    .allMatch(name -> name.matches("V\\d+__(platform|accounting|guidelines|phr)_[a-z0-9_]+\\.sql"), "V{n}__{module}_{verb}_{object}.sql");
        }
    }

    @Test
    void noRegistryPageCallsAListingAnApproval() throws IOException {
        // ref-guidelines.md §1.2: METI registers a self-declaration; it never certifies or approves.
        String texts = Files.readString(Path.of("../platform-web/src/main/resources/messages_ja.properties"));
        assertThat(texts).doesNotContain("認定").doesNotContain("認証").doesNotContain("承認");
    }

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ProjectFilesTests.class.getResourceAsStream(resource)) {
            properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return properties;
    }
}
