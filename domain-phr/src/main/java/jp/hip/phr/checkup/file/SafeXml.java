package jp.hip.phr.checkup.file;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import jp.hip.phr.PhrException;
import jp.hip.phr.PhrException.Problem;

/**
 * Hardened XML reading for received files: no DTD at all (so no external entities and no entity-expansion bombs),
 * no XInclude, no external access; the bytes decoded by us, not by the parser, so that UTF-8 with or without a
 * BOM and Shift_JIS (read as Windows-31J, which holds the characters Windows writes: ①, ～, 髙) all work.
 */
final class SafeXml {

    static final Charset WINDOWS_31J = Charset.forName("Windows-31J");
    private static final Pattern DECLARED = Pattern.compile("^<\\?xml[^>]*encoding\\s*=\\s*[\"']([A-Za-z0-9_\\-]+)[\"']");

    private SafeXml() {}

    /** Parses a file; a problem names the file (the caller's report line) and what is wrong. */
    static Document parse(String fileName, byte[] content) {
        String text = decode(fileName, content);
        try {
            return builder().parse(new InputSource(new StringReader(text)));
        } catch (SAXParseException e) {
            boolean doctype = e.getMessage() != null && e.getMessage().contains("DOCTYPE");
            throw PhrException.of(PhrException.Kind.INVALID, doctype ? "phr.import.doctype" : "phr.import.malformed",
                    e.getLineNumber());
        } catch (SAXException | IOException e) {
            throw PhrException.of(PhrException.Kind.INVALID, "phr.import.malformed", 0);
        }
    }

    static String decode(String fileName, byte[] content) {
        int start = 0;
        if (content.length >= 3 && (content[0] & 0xff) == 0xEF && (content[1] & 0xff) == 0xBB && (content[2] & 0xff) == 0xBF) {
            start = 3; // UTF-8 BOM
        }
        String head = new String(content, start, Math.min(200, content.length - start), StandardCharsets.ISO_8859_1);
        Matcher m = DECLARED.matcher(head);
        String declared = m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
        boolean sjis = declared != null && (declared.contains("shift") || declared.contains("sjis")
                || declared.equals("windows-31j") || declared.equals("ms932") || declared.equals("cp932"));
        if (sjis) {
            return new String(content, start, content.length - start, WINDOWS_31J);
        }
        if (declared != null && !declared.equals("utf-8") && !declared.equals("utf8")) {
            throw PhrException.of(PhrException.Kind.INVALID, "phr.import.encoding", declared);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content, start, content.length - start)).toString();
        } catch (CharacterCodingException e) {
            if (declared == null) {
                return new String(content, start, content.length - start, WINDOWS_31J); // undeclared Shift_JIS
            }
            throw PhrException.of(PhrException.Kind.INVALID, "phr.import.encoding", "UTF-8");
        }
    }

    /** Building the factory looks up the implementation every time; one hardened builder per thread, reset per use. */
    private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(SafeXml::newBuilder);

    private static DocumentBuilder builder() {
        DocumentBuilder builder = BUILDER.get();
        builder.reset();
        builder.setErrorHandler(null);
        return builder;
    }

    private static DocumentBuilder newBuilder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static String text(Element e) {
        return e == null ? null : blankToNull(e.getTextContent());
    }

    static String attr(Element e, String name) {
        return e == null || !e.hasAttribute(name) ? null : blankToNull(e.getAttribute(name));
    }

    static Element child(Element parent, String ns, String localName) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName()) && ns.equals(e.getNamespaceURI())) {
                return e;
            }
        }
        return null;
    }

    static List<Element> children(Element parent, String ns, String localName) {
        List<Element> found = new ArrayList<>();
        if (parent == null) {
            return found;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName()) && ns.equals(e.getNamespaceURI())) {
                found.add(e);
            }
        }
        return found;
    }

    static Element path(Element from, String ns, String... names) {
        Element current = from;
        for (String name : names) {
            current = child(current, ns, name);
        }
        return current;
    }

    static Problem problem(String key, String where, Object... args) {
        return Problem.of(key, where, args);
    }
}
