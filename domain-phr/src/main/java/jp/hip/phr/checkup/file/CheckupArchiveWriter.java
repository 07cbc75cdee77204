package jp.hip.phr.checkup.file;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds a submission ZIP in the real layout (ref-checkup-codes.md §1): the root folder named like the ZIP,
 * {@code ix08_V08.xml} with the file count, {@code DATA/h….xml}, optionally {@code CLAIMS/c….xml} twins and
 * {@code su08_V08.xml}, and an {@code XSD/} folder. For demo data, tests and the benchmark; the claims and
 * schemas it writes are minimal placeholders (the importer skips them).
 */
public final class CheckupArchiveWriter {

    private final String sender;
    private final String receiver;
    private final LocalDate submitted;
    private String namespace = CheckupArchive.NS_MHLW;
    private boolean claims;
    private Integer declaredCount;
    private final List<String> data = new ArrayList<>();

    public CheckupArchiveWriter(String sender, String receiver, LocalDate submitted) {
        this.sender = sender;
        this.receiver = receiver;
        this.submitted = submitted;
    }

    /** The header namespace: the 2023 MHLW one (default) or the 2007 one of older software. */
    public CheckupArchiveWriter namespace(String namespace) {
        this.namespace = namespace;
        return this;
    }

    public CheckupArchiveWriter withClaims() {
        this.claims = true;
        return this;
    }

    /** A wrong totalRecordCount, for tests of the cross-check. */
    public CheckupArchiveWriter declaredCount(int count) {
        this.declaredCount = count;
        return this;
    }

    public CheckupArchiveWriter add(String xml) {
        data.add(xml);
        return this;
    }

    /** {送付元10}_{送付先8}_{提出日8}{分割1}_{実施区分1} (協会けんぽ, ORCA). */
    public String rootName() {
        return sender + "_" + receiver + "_" + DateTimeFormatter.BASIC_ISO_DATE.format(submitted) + "0_1";
    }

    public String zipName() {
        return rootName() + ".zip";
    }

    public byte[] toZip() {
        String root = rootName() + "/";
        String day = DateTimeFormatter.BASIC_ISO_DATE.format(submitted);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            int total = declaredCount != null ? declaredCount : data.size() * (claims ? 2 : 1);
            put(zip, root + "ix08_V08.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<index xmlns=\"" + namespace + "\">"
                    + "<interactionType code=\"6\"/><creationTime value=\"" + day + "\"/>"
                    + "<sender><id root=\"1.2.392.200119.6.102\" extension=\"" + sender + "\"/></sender>"
                    + "<receiver><id root=\"1.2.392.200119.6.101\" extension=\"" + receiver + "\"/></receiver>"
                    + "<serviceEventType code=\"1\"/><totalRecordCount value=\"" + total + "\"/></index>\n");
            if (claims) {
                put(zip, root + "su08_V08.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<summary xmlns=\"" + namespace + "\">"
                        + "<serviceEventType code=\"1\"/><totalSubjectCount value=\"" + data.size() + "\"/></summary>\n");
            }
            for (int i = 0; i < data.size(); i++) {
                String file = sender + day + "01" + String.format("%06d", i + 1) + ".xml";
                put(zip, root + "DATA/h" + file, data.get(i));
                if (claims) {
                    put(zip, root + "CLAIMS/c" + file, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkupClaim xmlns=\""
                            + namespace + "\"><encounter><serviceEventType code=\"1\"/></encounter></checkupClaim>\n");
                }
            }
            put(zip, root + "XSD/hc08_V08.xsd", "<?xml version=\"1.0\"?><xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"/>\n");
            put(zip, root + "XSD/coreschemas/datatypes.xsd", "<?xml version=\"1.0\"?><xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"/>\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream zip, String path, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(path));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
