package jp.hip.phr.checkup.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import jp.hip.phr.PhrException;
import jp.hip.phr.checkup.file.CheckupArchive.Role;

class CheckupArchiveTests {

    private static CheckupArchiveWriter realLayout() {
        return new CheckupArchiveWriter("6631111116", CheckupCorpus.INSURER, LocalDate.of(2024, 7, 1))
                .add(CheckupCorpus.fullFourthPeriod("1001", "00").toXml())
                .add(CheckupCorpus.fullFourthPeriod("1001", "01").toXml());
    }

    @Test
    @DisplayName("実際の構成のアーカイブ: ix08 を読み、DATA を取り出し、CLAIMS・su08・XSD は役割を付けて読み飛ばす")
    void readsTheRealLayout() {
        CheckupArchiveWriter writer = realLayout().withClaims();
        CheckupArchive.Contents c = CheckupArchive.read(writer.zipName(), writer.toZip());
        assertThat(c.data()).hasSize(2).allSatisfy(e -> assertThat(e.path()).contains("/DATA/h"));
        assertThat(c.entries()).extracting(CheckupArchive.Entry::role)
                .contains(Role.INDEX, Role.SUMMARY, Role.CLAIM, Role.SCHEMA);
        assertThat(c.index().serviceEventType()).isEqualTo("1");
        assertThat(c.index().sender()).isEqualTo("6631111116");
        assertThat(c.index().totalRecordCount()).isEqualTo(4);
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void acceptsTheOlderHeaderNamespaceAndWarnsOfACountMismatch() {
        CheckupArchiveWriter writer = realLayout().namespace(CheckupArchive.NS_2007).declaredCount(5);
        CheckupArchive.Contents c = CheckupArchive.read(writer.zipName(), writer.toZip());
        assertThat(c.index().namespace()).isEqualTo(CheckupArchive.NS_2007);
        assertThat(c.warnings()).extracting(PhrException.Problem::key).containsExactly("phr.archive.countMismatch");
    }

    @Test
    void warnsWhenDataAndClaimsDoNotPairButReadsTheData() throws IOException {
        byte[] xml = CheckupCorpus.thirdPeriod("2003").toXml().getBytes(StandardCharsets.UTF_8);
        CheckupArchive.Contents c = CheckupArchive.read("up.zip", zip("a/DATA/h1.xml", xml, "a/DATA/h2.xml", xml,
                "a/CLAIMS/c1.xml", "<checkupClaim/>".getBytes(StandardCharsets.UTF_8)));
        assertThat(c.data()).hasSize(2);
        assertThat(c.warnings()).extracting(PhrException.Problem::key).containsExactly("phr.archive.claimsMismatch");
        assertThat(c.warnings().get(0).args()).containsExactly(2L, 1L);
    }

    @Test
    void refusesNestedZipsDuplicatesAndBombsNamingTheFile() throws IOException {
        byte[] inner = realLayout().toZip();
        assertRefused(zip("a/DATA/h1.xml", "<x/>".getBytes(), "a/DATA/inner.zip", inner), "phr.archive.nested", "a/DATA/inner.zip");
        assertRefused(zip("a/DATA/h1.xml", "<x/>".getBytes(), "a/DATA/h2.xml", inner), "phr.archive.nested", "a/DATA/h2.xml");
        assertRefused(zip("a/DATA/h1.xml", "<x/>".getBytes(), "a/DATA/H1.xml", "<y/>".getBytes()), "phr.archive.duplicate", "a/DATA/H1.xml");
        byte[] zeros = new byte[1_900_000];
        Object[] many = new Object[2 * 120];
        for (int i = 0; i < 120; i++) {
            many[2 * i] = "a/DATA/h" + i + ".xml";
            many[2 * i + 1] = zeros;
        }
        assertRefused(zip(many), "phr.import.zipBomb", null);
    }

    @Test
    void refusesAFileOverTheLimitOnItsOwnLine() throws IOException {
        byte[] big = new byte[CheckupArchive.MAX_FILE_BYTES + 10];
        java.util.Arrays.fill(big, (byte) ' ');
        CheckupArchive.Contents c = CheckupArchive.read("up.zip", zip("a/DATA/h1.xml", "<x/>".getBytes(), "a/DATA/h2.xml", big));
        assertThat(c.data()).hasSize(2);
        assertThat(c.data().get(1).problem().key()).isEqualTo("phr.import.tooLarge");
        assertThat(c.data().get(1).problem().where()).isEqualTo("a/DATA/h2.xml");
        assertThat(c.data().get(0).problem()).isNull();
    }

    @Test
    void readsShiftJisFileNames() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, SafeXml.WINDOWS_31J)) {
            zip.putNextEntry(new ZipEntry("健診/DATA/h1.xml"));
            zip.write("<x/>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        assertThat(CheckupArchive.read("健診.zip", bytes.toByteArray()).data()).singleElement()
                .satisfies(e -> assertThat(e.path()).isEqualTo("健診/DATA/h1.xml"));
    }

    private static void assertRefused(byte[] zip, String key, String where) {
        assertThatThrownBy(() -> CheckupArchive.read("up.zip", zip)).isInstanceOf(PhrException.class).satisfies(e -> {
            PhrException.Problem p = ((PhrException) e).problems().get(0);
            assertThat(p.key()).isEqualTo(key);
            if (where != null) {
                assertThat(p.where()).isEqualTo(where);
            }
        });
    }

    private static byte[] zip(Object... pathsAndContents) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (int i = 0; i < pathsAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry((String) pathsAndContents[i]));
                zip.write((byte[]) pathsAndContents[i + 1]);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
