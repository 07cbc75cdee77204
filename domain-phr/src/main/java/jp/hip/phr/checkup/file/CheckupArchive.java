package jp.hip.phr.checkup.file;

import static jp.hip.phr.checkup.file.SafeXml.attr;
import static jp.hip.phr.checkup.file.SafeXml.child;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.w3c.dom.Element;

import jp.hip.phr.PhrException;
import jp.hip.phr.PhrException.Kind;
import jp.hip.phr.PhrException.Problem;

/**
 * Reads an upload as one unit: a single XML file, or a submission ZIP in the real layout
 * ({@code {root}/ix08_V08.xml, su08_V08.xml, DATA/h*.xml, CLAIMS/c*.xml, XSD/…}; ref-checkup-codes.md §1), or a
 * plain ZIP of checkup XML files. Every file gets a role; the header {@code ix08_V08.xml} is read (sender,
 * 実施区分, file count) in either namespace and cross-checked (a mismatch warns, it does not refuse). The whole
 * archive is refused, naming the file, for a ZIP bomb, a nested ZIP, a duplicate path, too many entries or a
 * broken ZIP. A single file over the size limit is refused on its own line.
 */
public final class CheckupArchive {

    public static final String NS_2007 = "http://tokuteikenshin.jp/checkup/2007";
    public static final String NS_MHLW = "https://www.mhlw.go.jp/stf/seisakunitsuite/bunya/0000161103.html";
    private static final Set<String> HEADER_NAMESPACES = Set.of(NS_2007, NS_MHLW, "http://www.mhlw.go.jp/stf/seisakunitsuite/bunya/0000161103.html");

    public static final int MAX_FILE_BYTES = 2 * 1024 * 1024;
    public static final int MAX_ENTRIES = 5_000;
    public static final long MAX_TOTAL = 512L * 1024 * 1024;
    public static final int MAX_RATIO = 100;

    /** What a file of the archive is (ref-checkup-codes.md §1). */
    public enum Role { INDEX, SUMMARY, DATA, CLAIM, SCHEMA, OTHER }

    /** One file of the upload; {@code problem} set when it is refused on its own (too large). */
    public record Entry(String path, Role role, byte[] content, Problem problem) {
        public String name() {
            return path.substring(path.lastIndexOf('/') + 1);
        }
    }

    /** The index file's 交換用基本情報 (ix08_V08.xml). */
    public record Index(String namespace, String interactionType, String senderRoot, String sender, String receiver,
            String serviceEventType, Integer totalRecordCount) {}

    /** The upload read: every entry, the index if any, and archive-level warnings (count mismatches). */
    public record Contents(String uploadName, List<Entry> entries, Index index, List<Problem> warnings) {
        public List<Entry> data() {
            return entries.stream().filter(e -> e.role() == Role.DATA).toList();
        }
    }

    private CheckupArchive() {}

    public static Contents read(String uploadName, byte[] upload) {
        String name = uploadName == null ? "upload" : uploadName;
        if (!name.toLowerCase(Locale.ROOT).endsWith(".zip")) {
            Problem tooLarge = upload.length > MAX_FILE_BYTES ? tooLarge(name) : null;
            return new Contents(name, List.of(new Entry(name, Role.DATA, tooLarge == null ? upload : new byte[0], tooLarge)), null, List.of());
        }
        List<Entry> entries;
        try {
            entries = unzip(upload, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | MalformedNames e) {
            entries = unzip(upload, SafeXml.WINDOWS_31J); // file names written by Windows tools in Shift_JIS
        }
        if (entries.stream().noneMatch(e -> e.role() == Role.DATA)) {
            throw PhrException.of(Kind.INVALID, "phr.import.zipEmpty", name);
        }
        List<Problem> warnings = new ArrayList<>();
        Index index = null;
        for (Entry entry : entries) {
            if (entry.role() == Role.INDEX && entry.problem() == null) {
                index = index(entry, warnings);
            }
        }
        long data = entries.stream().filter(e -> e.role() == Role.DATA).count();
        long claims = entries.stream().filter(e -> e.role() == Role.CLAIM).count();
        if (index != null && index.totalRecordCount() != null && index.totalRecordCount() != data + claims) {
            warnings.add(Problem.of("phr.archive.countMismatch", "ix08_V08.xml", index.totalRecordCount(), data, claims));
        }
        if (claims > 0 && claims != data) {
            warnings.add(Problem.of("phr.archive.claimsMismatch", "CLAIMS/", data, claims));
        }
        return new Contents(name, List.copyOf(entries), index, List.copyOf(warnings));
    }

    private static List<Entry> unzip(byte[] upload, Charset names) {
        List<Entry> entries = new ArrayList<>();
        Set<String> paths = new HashSet<>();
        long total = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(upload), names)) {
            ZipEntry zipEntry;
            while ((zipEntry = zip.getNextEntry()) != null) {
                String path = zipEntry.getName().replace('\\', '/');
                if (entries.size() >= MAX_ENTRIES) {
                    throw PhrException.of(Kind.INVALID, "phr.import.zipEntries", MAX_ENTRIES);
                }
                if (zipEntry.isDirectory()) {
                    continue;
                }
                String lower = path.toLowerCase(Locale.ROOT);
                if (lower.endsWith(".zip") || lower.endsWith(".lzh") || lower.endsWith(".7z")) {
                    throw new PhrException(Kind.INVALID, List.of(Problem.of("phr.archive.nested", path, path)));
                }
                if (!paths.add(lower)) {
                    throw new PhrException(Kind.INVALID, List.of(Problem.of("phr.archive.duplicate", path, path)));
                }
                byte[] content = readLimited(zip, MAX_FILE_BYTES + 1);
                if (content.length >= 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4) {
                    throw new PhrException(Kind.INVALID, List.of(Problem.of("phr.archive.nested", path, path)));
                }
                total += content.length;
                if (total > MAX_TOTAL || total > (long) upload.length * MAX_RATIO + MAX_FILE_BYTES) {
                    throw new PhrException(Kind.INVALID, List.of(Problem.of("phr.import.zipBomb", path, path)));
                }
                Role role = roleOf(path);
                if (content.length > MAX_FILE_BYTES) {
                    // drain the rest of the entry so the ratio check still sees a bomb hiding behind this name
                    total += drain(zip, MAX_TOTAL - total + 1);
                    if (total > MAX_TOTAL || total > (long) upload.length * MAX_RATIO + MAX_FILE_BYTES) {
                        throw new PhrException(Kind.INVALID, List.of(Problem.of("phr.import.zipBomb", path, path)));
                    }
                    entries.add(new Entry(path, role, new byte[0], tooLarge(path)));
                } else {
                    entries.add(new Entry(path, role, content, null));
                }
            }
        } catch (IOException e) {
            if (names.equals(StandardCharsets.UTF_8)) {
                throw new MalformedNames(); // newer JDKs report undecodable entry names as a ZipException
            }
            throw PhrException.of(Kind.INVALID, "phr.import.zipBroken");
        } catch (IllegalArgumentException e) {
            if (names.equals(StandardCharsets.UTF_8)) {
                throw e;
            }
            throw PhrException.of(Kind.INVALID, "phr.import.zipBroken");
        }
        return entries;
    }

    /** The entry names did not decode as UTF-8: read again as Windows-31J (which also fails on a truly broken ZIP). */
    private static final class MalformedNames extends RuntimeException {
        MalformedNames() {
            super(null, null, false, false);
        }
    }

    /** The role by the path, not by parsing the name (S24's names deviate from the 8-1A rule). */
    static Role roleOf(String path) {
        String[] parts = path.split("/");
        String file = parts[parts.length - 1].toLowerCase(Locale.ROOT);
        String folder = parts.length > 1 ? parts[parts.length - 2].toUpperCase(Locale.ROOT) : "";
        for (String part : parts) {
            if (part.equalsIgnoreCase("XSD")) {
                return Role.SCHEMA;
            }
        }
        if (file.endsWith(".xsd")) {
            return Role.SCHEMA;
        }
        if (!file.endsWith(".xml")) {
            return Role.OTHER;
        }
        if (file.startsWith("ix08")) {
            return Role.INDEX;
        }
        if (file.startsWith("su08")) {
            return Role.SUMMARY;
        }
        if (folder.equals("CLAIMS")) {
            return Role.CLAIM;
        }
        return Role.DATA; // DATA/*.xml, or a plain ZIP of checkup files
    }

    private static Index index(Entry entry, List<Problem> warnings) {
        Element root;
        try {
            root = SafeXml.parse(entry.path(), entry.content()).getDocumentElement();
        } catch (PhrException e) {
            warnings.add(Problem.of("phr.archive.indexUnreadable", entry.path(), entry.path()));
            return null;
        }
        String ns = root.getNamespaceURI();
        if (!"index".equals(root.getLocalName()) || ns == null || !HEADER_NAMESPACES.contains(ns)) {
            warnings.add(Problem.of("phr.archive.indexUnknown", entry.path(), entry.path(), String.valueOf(ns)));
            return null;
        }
        Element sender = child(child(root, ns, "sender"), ns, "id");
        Element receiver = child(child(root, ns, "receiver"), ns, "id");
        String count = attr(child(root, ns, "totalRecordCount"), "value");
        Integer total = null;
        try {
            total = count == null ? null : Integer.valueOf(count);
        } catch (NumberFormatException e) {
            warnings.add(Problem.of("phr.archive.indexUnreadable", entry.path(), entry.path()));
        }
        return new Index(ns, attr(child(root, ns, "interactionType"), "code"), attr(sender, "root"), attr(sender, "extension"),
                attr(receiver, "extension"), attr(child(root, ns, "serviceEventType"), "code"), total);
    }

    private static Problem tooLarge(String path) {
        return Problem.of("phr.import.tooLarge", path, path, MAX_FILE_BYTES / 1024 / 1024);
    }

    private static byte[] readLimited(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int read;
        while (out.size() < limit && (read = in.read(buffer, 0, Math.min(buffer.length, limit - out.size()))) != -1) {
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }

    private static long drain(InputStream in, long limit) throws IOException {
        byte[] buffer = new byte[8192];
        long total = 0;
        int read;
        while (total < limit && (read = in.read(buffer)) != -1) {
            total += read;
        }
        return total;
    }
}
