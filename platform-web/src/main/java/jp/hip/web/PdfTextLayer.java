package jp.hip.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.TreeMap;

import org.apache.fontbox.cmap.CMap;
import org.apache.fontbox.cmap.CMapParser;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;

/**
 * Makes a PDF's extracted text equal its rendered text. A Japanese font maps both 人 (U+4EBA) and the Kangxi radical
 * ⼈ (U+2F08) to one glyph; PDFBox writes the glyph's ToUnicode entry from the lowest code point, so copying text
 * from the PDF gave ⼈ and about 90 other radicals. This rewrites each embedded font's ToUnicode CMap with every
 * radical target in NFKC (which maps ⼈ to 人); the
 * glyphs and layout are untouched.
 */
final class PdfTextLayer {

    private PdfTextLayer() {}

    static byte[] normalise(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            Set<COSBase> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            boolean changed = false;
            for (PDPage page : document.getPages()) {
                PDResources resources = page.getResources();
                if (resources == null) {
                    continue;
                }
                for (COSName name : resources.getFontNames()) {
                    COSDictionary font = resources.getFont(name).getCOSObject();
                    if (font.getDictionaryObject(COSName.TO_UNICODE) instanceof COSStream toUnicode && seen.add(toUnicode)) {
                        changed |= rewrite(toUnicode);
                    }
                }
            }
            if (!changed) {
                return pdf;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length);
            document.save(out);
            return out.toByteArray();
        }
    }

    /** Rewrites one ToUnicode CMap (2-byte codes) with NFKC targets; false when nothing needed it. */
    private static boolean rewrite(COSStream stream) throws IOException {
        CMap cmap;
        try (InputStream in = stream.createInputStream()) {
            cmap = new CMapParser().parse(new RandomAccessReadBuffer(in.readAllBytes()));
        }
        TreeMap<Integer, String> mappings = new TreeMap<>();
        boolean needed = false;
        for (int code = 0; code <= 0xFFFF; code++) {
            String unicode = cmap.toUnicode(code, 2);
            if (unicode != null) {
                String normalised = Normalizer.normalize(unicode, Normalizer.Form.NFKC);
                // only ideographic compatibility forms: NFKC would also change full-width letters and digits
                if (!normalised.equals(unicode) && isCompatibilityIdeograph(unicode)) {
                    needed = true;
                    unicode = normalised;
                }
                mappings.put(code, unicode);
            }
        }
        if (!needed) {
            return false;
        }
        StringBuilder text = new StringBuilder("""
                /CIDInit /ProcSet findresource begin
                12 dict begin
                begincmap
                /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
                /CMapName /Adobe-Identity-UCS def
                /CMapType 2 def
                1 begincodespacerange
                <0000> <FFFF>
                endcodespacerange
                """);
        var entries = mappings.entrySet().stream().toList();
        for (int from = 0; from < entries.size(); from += 100) {
            var block = entries.subList(from, Math.min(entries.size(), from + 100));
            text.append(block.size()).append(" beginbfchar\n");
            for (var e : block) {
                text.append(String.format("<%04X> <", e.getKey()));
                for (char c : e.getValue().toCharArray()) {
                    text.append(String.format("%04X", (int) c));
                }
                text.append(">\n");
            }
            text.append("endbfchar\n");
        }
        text.append("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
        try (OutputStream out = stream.createOutputStream(COSName.FLATE_DECODE)) {
            out.write(text.toString().getBytes(StandardCharsets.US_ASCII));
        }
        return true;
    }

    /**
     * CJK radicals supplement and Kangxi radicals (U+2E80–U+2FDF): never what a report means to say. CJK
     * compatibility ideographs are left alone, as a name may be written with one on purpose.
     */
    static boolean isCompatibilityIdeograph(String text) {
        int c = text.codePointAt(0);
        return c >= 0x2E80 && c <= 0x2FDF;
    }
}
